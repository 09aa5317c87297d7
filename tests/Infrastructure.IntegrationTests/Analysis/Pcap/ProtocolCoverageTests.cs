using System.Buffers.Binary;
using System.Text;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>HTTP requests with any method token and DNS records of every type, in captures built with <see cref="CaptureBuilder"/>.</summary>
public sealed class ProtocolCoverageTests
{
    private static TrafficAnalysisResult Analyze(List<byte[]> packets)
    {
        using var stream = new MemoryStream(PacketFactory.RawCapture(packets));
        return new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void Http_requests_with_any_method_token_are_parsed()
    {
        string[] requests =
        [
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
            "TRACE / HTTP/1.1\r\nHost: a.example\r\n\r\n",
            "HEAD /index.html HTTP/1.0\r\nHost: a.example\r\n\r\n",
            "DELETE /item/7 HTTP/1.1\r\nHost: a.example\r\n\r\n",
            "PROPFIND /dav/ HTTP/1.1\r\nHost: a.example\r\nContent-Length: 0\r\n\r\n",
            "CCM_POST /ccm HTTP/1.1\r\nHost: a.example\r\n\r\n",
            "x-Beacon!7 /c2?id=1 HTTP/1.1\r\nHost: c2.example\r\nUser-Agent: implant\r\n\r\n",
            "GO /short HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ];
        var packets = new List<byte[]>();
        for (var i = 0; i < requests.Length; i++)
        {
            new TcpScript(packets, "10.0.0.5", 40000 + i, "192.0.2.80", 8080).Handshake().Client(requests[i]).Server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }

        var result = Analyze(packets);

        result.Http.Select(r => (r.Method, r.Uri, r.Host)).ShouldBe(
        [
            ("CONNECT", "example.com:443", "example.com:443"),
            ("TRACE", "/", "a.example"),
            ("HEAD", "/index.html", "a.example"),
            ("DELETE", "/item/7", "a.example"),
            ("PROPFIND", "/dav/", "a.example"),
            ("CCM_POST", "/ccm", "a.example"),
            ("x-Beacon!7", "/c2?id=1", "c2.example"),
            ("GO", "/short", "a.example"),
        ]);
        result.Http.Single(r => r.Method == "x-Beacon!7").UserAgent.ShouldBe("implant");
    }

    [Theory]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\n", true)]
    [InlineData("PROPFIND /dav/ HTTP/1.1\n", true)]
    [InlineData("m-search * HTTP/1.1\r\n", true)]
    [InlineData("GET /a-very-long-target-cut-by-the-segm", true)]
    [InlineData("GET / HTT", true)]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", false)]
    [InlineData("AB\u0001 / HTTP/1.1\r\n", false)]
    [InlineData("ab cd ef gh\r\n", false)]
    [InlineData("abc", false)]
    [InlineData("GET  / HTTP/1.1\r\n", false)]
    [InlineData("GET / HTTP/1.1 extra\r\n", false)]
    [InlineData("GET / FTP/1.1\r\n", false)]
    [InlineData("GET /\u00ff HTTP/1.1\r\n", false)]
    [InlineData(" GET / HTTP/1.1\r\n", false)]
    public void Request_line_recognition_accepts_tokens_and_rejects_binary(string line, bool expected) =>
        HttpStreamParser.LooksLikeRequest(Encoding.Latin1.GetBytes(line)).ShouldBe(expected);

    [Fact]
    public void Random_binary_payloads_are_not_taken_for_requests()
    {
        var random = new Random(10);
        var buffer = new byte[256];
        var accepted = 0;
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(buffer);
            accepted += HttpStreamParser.LooksLikeRequest(buffer) ? 1 : 0;
        }

        accepted.ShouldBe(0);
    }

    [Theory]
    [InlineData(10, "NULL")]
    [InlineData(33, "SRV")]
    [InlineData(35, "NAPTR")]
    [InlineData(257, "CAA")]
    [InlineData(64, "SVCB")]
    [InlineData(65, "HTTPS")]
    [InlineData(41, "OPT")]
    [InlineData(255, "ANY")]
    [InlineData(16, "TXT")]
    [InlineData(43, "DS")]
    [InlineData(46, "RRSIG")]
    [InlineData(48, "DNSKEY")]
    [InlineData(47, "NSEC")]
    [InlineData(50, "NSEC3")]
    [InlineData(52, "TLSA")]
    [InlineData(256, "URI")]
    [InlineData(23, "NSAP-PTR")]
    [InlineData(32769, "DLV")]
    [InlineData(54, "TYPE54")]
    [InlineData(65280, "TYPE65280")]
    public void Dns_type_mnemonics_follow_the_iana_registry(int type, string name) =>
        DnsMessageParser.TypeName(type).ShouldBe(name);

    [Fact]
    public void Dns_answers_of_every_type_are_parsed_with_values()
    {
        var response = new DnsResponse(0x4242, "svc.example");
        response.Answer(1, [192, 0, 2, 1]);
        response.Answer(28, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        response.Answer(5, Name("alias.example"));
        response.Answer(2, Name("ns1.example"));
        response.Answer(12, Name("host.example"));
        response.Answer(15, [0, 10, .. Name("mail.example")]);
        response.Answer(16, [5, .. "hello"u8, 3, .. "a\u0001b"u8]);
        response.Answer(33, [0, 1, 0, 5, 0x13, 0xC4, .. Name("sip.example")]);
        response.Answer(6, [.. Name("ns1.example"), .. Name("admin.example"), 0, 0, 0, 1, 0, 0, 0x0E, 0x10, 0, 0, 0x07, 0x08, 0, 0x09, 0x3A, 0x80, 0, 0, 0x01, 0x2C]);
        response.Answer(257, [0, 5, .. "issue"u8, .. "ca.example"u8]);
        response.Answer(10, []);
        response.Answer(41, [0, 10, 0, 2, 1, 2]);
        response.Answer(65, [.. Enumerable.Range(0, 100).Select(i => (byte)i)]);
        response.Answer(54, [0xDE, 0xAD]);
        var packets = new List<byte[]>
        {
            PacketFactory.Udp("10.0.0.1", "10.0.0.7", 53, 53000, response.Build()),
        };

        var answers = Analyze(packets).Dns.ShouldHaveSingleItem().Answers;

        answers.Select(a => (a.Type, a.TypeCode, a.Value)).ShouldBe(
        [
            ("A", 1, "192.0.2.1"),
            ("AAAA", 28, "2001:db8::1"),
            ("CNAME", 5, "alias.example"),
            ("NS", 2, "ns1.example"),
            ("PTR", 12, "host.example"),
            ("MX", 15, "10 mail.example"),
            ("TXT", 16, "hello a\\001b"),
            ("SRV", 33, "1 5 5060 sip.example"),
            ("SOA", 6, "ns1.example admin.example 1 3600 1800 604800 300"),
            ("CAA", 257, "0005697373756563612e6578616d706c65"),
            ("NULL", 10, null),
            ("OPT", 41, null),
            ("HTTPS", 65, Convert.ToHexStringLower([.. Enumerable.Range(0, 64).Select(i => (byte)i)]) + "…"),
            ("TYPE54", 54, "dead"),
        ]);
        answers.ShouldAllBe(a => a.Name == "svc.example");
    }

    [Fact]
    public void Dns_records_with_data_past_the_message_keep_the_records_before_them()
    {
        var response = new DnsResponse(1, "x.example");
        response.Answer(1, [192, 0, 2, 9]);
        response.Answer(15, [0, 10, .. Name("mail.example")]);
        var message = response.Build();
        message = message[..^4]; // the MX record's data is cut
        var packets = new List<byte[]> { PacketFactory.Udp("10.0.0.1", "10.0.0.7", 53, 53001, message) };

        Analyze(packets).Dns.ShouldHaveSingleItem().Answers.ShouldHaveSingleItem().Value.ShouldBe("192.0.2.9");
    }

    private static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>A DNS response with one question and answers owned by the question name (compression pointer to offset 12).</summary>
    private sealed class DnsResponse(ushort id, string name)
    {
        private readonly List<(int Type, byte[] Data)> _answers = [];

        public void Answer(int type, byte[] data) => _answers.Add((type, data));

        public byte[] Build()
        {
            var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0x81, 0x80, 0, 1, (byte)(_answers.Count >> 8), (byte)_answers.Count, 0, 0, 0, 0 };
            bytes.AddRange(Name(name));
            bytes.AddRange([0, 255, 0, 1]);
            foreach (var (type, data) in _answers)
            {
                var record = new byte[12];
                record[0] = 0xC0;
                record[1] = 12;
                BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(2), (ushort)type);
                BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(4), 1);
                BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(6), 300);
                BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(10), (ushort)data.Length);
                bytes.AddRange(record);
                bytes.AddRange(data);
            }

            return [.. bytes];
        }
    }
}
