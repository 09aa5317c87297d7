namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>TCP header flag bits.</summary>
internal static class TcpFlags
{
    public const int Fin = 0x01;
    public const int Syn = 0x02;
    public const int Rst = 0x04;
    public const int Psh = 0x08;
    public const int Ack = 0x10;
    public const int Urg = 0x20;
}
