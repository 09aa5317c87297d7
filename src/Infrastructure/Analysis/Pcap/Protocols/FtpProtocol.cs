using System.Text;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>FTP control connections (port 21): a <c>USER</c> command is a cleartext credential. No table of its own.</summary>
internal sealed class FtpProtocol : TrafficProtocol
{
    public override string Name => "ftp";

    public override TrafficHooks Hooks => TrafficHooks.Segments;

    public override IReadOnlyList<ResultTableSchema> Tables => [];

    public override void OnSegment(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
        if ((flow.APort != 21 && flow.BPort != 21) || (!payload.StartsWith("USER "u8) && !payload.StartsWith("user "u8)))
        {
            return;
        }

        var line = Encoding.Latin1.GetString(payload[5..]);
        var user = line.Split('\r', '\n')[0].Trim();
        var (src, _, dst, dstPort) = Endpoints(flow, fromA);
        Context.Threats.OnCredential("FTP", Context.Text(src), Endpoint(dst, dstPort), user, flow.Stream, Context.Frame, Context.Time);
    }

    public override void Report(TrafficReport report)
    {
    }
}
