using System.Text;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>Writes one TCP connection packet by packet with correct sequence numbers (raw IP packets).</summary>
internal sealed class TcpScript(List<byte[]> packets, string client, int clientPort, string server, int serverPort, uint clientIsn = 1000, uint serverIsn = 5000)
{
    private uint _clientSeq = clientIsn;
    private uint _serverSeq = serverIsn;

    public TcpScript Handshake()
    {
        packets.Add(PacketFactory.Tcp(client, server, clientPort, serverPort, _clientSeq++, 0, PacketFactory.Syn));
        packets.Add(PacketFactory.Tcp(server, client, serverPort, clientPort, _serverSeq++, _clientSeq, PacketFactory.Syn | PacketFactory.Ack));
        packets.Add(PacketFactory.Tcp(client, server, clientPort, serverPort, _clientSeq, _serverSeq, PacketFactory.Ack));
        return this;
    }

    public TcpScript Client(string text) => Client(Encoding.Latin1.GetBytes(text));

    public TcpScript Server(string text) => Server(Encoding.Latin1.GetBytes(text));

    public TcpScript Client(byte[] data)
    {
        packets.Add(PacketFactory.Tcp(client, server, clientPort, serverPort, _clientSeq, _serverSeq, PacketFactory.Ack | PacketFactory.Psh, data));
        _clientSeq += (uint)data.Length;
        return this;
    }

    public TcpScript Server(byte[] data)
    {
        packets.Add(PacketFactory.Tcp(server, client, serverPort, clientPort, _serverSeq, _clientSeq, PacketFactory.Ack | PacketFactory.Psh, data));
        _serverSeq += (uint)data.Length;
        return this;
    }

    /// <summary>Repeats the last packet (a retransmission).</summary>
    public TcpScript Retransmit()
    {
        packets.Add(packets[^1]);
        return this;
    }

    public TcpScript Close()
    {
        packets.Add(PacketFactory.Tcp(client, server, clientPort, serverPort, _clientSeq++, _serverSeq, PacketFactory.Fin | PacketFactory.Ack));
        packets.Add(PacketFactory.Tcp(server, client, serverPort, clientPort, _serverSeq++, _clientSeq, PacketFactory.Fin | PacketFactory.Ack));
        packets.Add(PacketFactory.Tcp(client, server, clientPort, serverPort, _clientSeq, _serverSeq, PacketFactory.Ack));
        return this;
    }
}
