using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap.Protocols;

/// <summary>Base of the protocol modules: every hook does nothing until a module overrides it.</summary>
internal abstract class TrafficProtocol : ITrafficProtocol
{
    public abstract string Name { get; }

    public abstract TrafficHooks Hooks { get; }

    public abstract IReadOnlyList<ResultTableSchema> Tables { get; }

    public virtual IReadOnlyList<FindingDefinition> Findings => [];

    protected ITrafficContext Context { get; private set; } = null!;

    public virtual void Start(ITrafficContext context) => Context = context;

    public virtual void OnSegment(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
    }

    public virtual StreamConsumer? ClaimStream(Flow flow, bool fromA, ReadOnlySpan<byte> data) => null;

    public virtual bool OnDatagram(Flow flow, bool fromA, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload) => false;

    public virtual void OnFlowRetired(Flow flow)
    {
    }

    public abstract void Report(TrafficReport report);

    protected static (IpAddressKey Src, ushort SrcPort, IpAddressKey Dst, ushort DstPort) Endpoints(Flow flow, bool fromA) =>
        fromA ? (flow.A, flow.APort, flow.B, flow.BPort) : (flow.B, flow.BPort, flow.A, flow.APort);

    protected string Endpoint(IpAddressKey address, int port) => new Application.Analysis.Traffic.TrafficEndpoint(Context.Text(address), port).ToString();

    protected static ResultColumn Text(string name, bool searchable = true) => new(name, ColumnType.Text, searchable);

    protected static ResultColumn Integer(string name, bool searchable = true) => new(name, ColumnType.Integer, searchable);

    protected static ResultColumn Time(string name) => new(name, ColumnType.Time);

    protected static ResultColumn Bytes(string name) => new(name, ColumnType.Bytes);
}
