using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>What the session offers its protocol modules: the current packet, shared services and the run's sink.</summary>
internal interface ITrafficContext
{
    /// <summary>Frame number of the packet being analysed (from 1).</summary>
    long Frame { get; }

    CaptureTimestamp Time { get; }

    /// <summary>The address as text, cached.</summary>
    string Text(IpAddressKey address);

    /// <summary>Interned DNS names.</summary>
    NameTable Names { get; }

    /// <summary>Dynamic-DNS and mining-pool checks of names seen in DNS, HTTP Host and TLS SNI.</summary>
    NameWatch Watch { get; }

    /// <summary>Scans, floods, beaconing, inbound connections and cleartext credentials.</summary>
    ThreatTracker Threats { get; }

    /// <summary>
    /// False when the result is never written as the JSON document (the analysis job): modules then skip record lists
    /// that nothing but the document reads.
    /// </summary>
    bool Document { get; }

    /// <summary>Opens a table of the run; a writer that keeps nothing when the sink keeps nothing.</summary>
    TableWriter Table(ResultTableSchema schema);
}
