using System.Buffers;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// <see cref="ITrafficAnalyzer"/> over pcap and pcapng: one streaming pass with a pooled read buffer,
/// a bounded flow table and bounded reassembly. Damage after the file header ends the pass with a warning.
/// </summary>
public sealed class PcapTrafficAnalyzer : ITrafficAnalyzer
{
    private const int ReadSize = 1 << 20;

    /// <summary>True when <paramref name="head"/> (the first bytes of a file) is a pcap or pcapng magic number.</summary>
    public static bool IsCapture(ReadOnlySpan<byte> head) => CaptureFileParser.IsCaptureMagic(head);

    public async Task<TrafficAnalysisResult> AnalyzeAsync(Stream capture, IProgress<double>? progress, CancellationToken cancellationToken) =>
        (await RunAsync(capture, NullResultSink.Instance, progress, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// One pass that streams the tables into <paramref name="sink"/> and returns the coded outcome with the result.
    /// With <paramref name="document"/> false (nobody writes the result as the JSON document: the analysis job) the
    /// conversations, DNS and stratum lists are not built (their rows are in the tables) and stay empty in the result.
    /// </summary>
    internal async Task<(TrafficAnalysisResult Result, TrafficRun Run)> RunAsync(Stream capture, IResultSink sink, IProgress<double>? progress,
        CancellationToken cancellationToken, bool document = true)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var session = new TrafficSession(sink, document);
        var parser = new CaptureFileParser(session);
        long? length = capture.CanSeek ? capture.Length - capture.Position : null;
        long read = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            var start = 0;
            var end = 0;
            var endOfStream = false;
            var lastReported = -1.0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var consumed = parser.Parse(buffer.AsSpan(start, end - start), endOfStream, out var needed);
                start += consumed;
                if (parser.Stopped || endOfStream)
                {
                    break;
                }

                // Compact, grow for an oversized record, then read more.
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (needed > buffer.Length - ReadSize / 2)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(needed + ReadSize);
                    buffer.AsSpan(0, end).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                // A file is read synchronously: FileStream's ReadAsync on a handle opened without FileOptions.Asynchronous
                // hops to a thread-pool thread for every 1 MiB read, and the pass continues there while the old thread spins.
                var count = capture is FileStream
                    ? capture.Read(buffer.AsSpan(end, Math.Max(buffer.Length - end, 0)))
                    : await capture.ReadAsync(buffer.AsMemory(end, Math.Max(buffer.Length - end, 0)), cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    endOfStream = true;
                }

                end += count;
                read += count;
                if (progress is not null && length is > 0)
                {
                    var fraction = Math.Min(1.0, (double)read / length.Value);
                    if (fraction - lastReported >= 0.01)
                    {
                        lastReported = fraction;
                        progress.Report(fraction);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        parser.Finish();
        progress?.Report(1.0);
        var run = session.Finish(parser.Kind, parser.Warnings, parser.LinkTypes);
        return (TrafficText.Result(run), run);
    }
}
