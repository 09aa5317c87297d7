using CaseManager.Infrastructure.Demo;

namespace CaseManager.Tests.Shared;

/// <summary>A small pcap (raw IPv4, link type 101) holding one DNS query, for names no shared capture contains.</summary>
public static class TinyCapture
{
    /// <summary>One DNS query for <paramref name="name"/> from 10.0.0.5 to 8.8.8.8 (the demo seed's builder).</summary>
    public static byte[] DnsQuery(string name, uint epochSeconds = DemoCaptures.Epoch) => DemoCaptures.DnsQuery(name, epochSeconds);
}
