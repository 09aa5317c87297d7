namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>The end of one pass: the modules' report and the summary written to the sink.</summary>
internal sealed record TrafficRun(TrafficReport Report, TrafficSummary Summary);
