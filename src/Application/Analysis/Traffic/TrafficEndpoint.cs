namespace CaseManager.Application.Analysis.Traffic;

/// <summary>One side of a transport conversation.</summary>
public sealed record TrafficEndpoint(string Ip, int Port)
{
    public override string ToString() => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";
}
