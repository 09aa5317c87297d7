namespace CaseManager.Application.Analysis.Traffic;

/// <summary>Analyses a packet capture (pcap or pcapng) in one streaming pass.</summary>
public interface ITrafficAnalyzer
{
    /// <summary>
    /// Reads <paramref name="capture"/> to its end. Damage after the file header is reported in
    /// <see cref="TrafficAnalysisResult.Warnings"/> with everything read before it.
    /// </summary>
    /// <exception cref="UnsupportedCaptureException">The stream is not a pcap or pcapng capture.</exception>
    Task<TrafficAnalysisResult> AnalyzeAsync(Stream capture, IProgress<double>? progress, CancellationToken cancellationToken);
}
