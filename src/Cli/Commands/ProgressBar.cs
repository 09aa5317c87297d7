using System.Globalization;

namespace CaseManager.Cli.Commands;

/// <summary>
/// A one-line progress display on stderr: bar, percent, throughput, elapsed and time left. Nothing is drawn during the
/// first second (short files stay silent); after that it redraws when the percent or the elapsed second changes.
/// The clock is passed in so the formatting can be tested without timing.
/// </summary>
internal sealed class ProgressBar(TextWriter stderr, long totalBytes, Func<TimeSpan> elapsed) : IProgress<double>
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private const int BarWidth = 30;

    private int _lastPercent = -1;
    private long _lastSecond = -1;
    private int _drawnWidth;

    /// <summary>Progress is shown only on an interactive stderr and never with <c>--quiet</c>.</summary>
    public static bool ShouldShow(bool quiet, bool stderrIsTerminal) => !quiet && stderrIsTerminal;

    public void Report(double value)
    {
        var now = elapsed();
        if (now < Delay)
        {
            return;
        }

        value = Math.Clamp(value, 0, 1);
        var percent = (int)(value * 100);
        var second = (long)now.TotalSeconds;
        if (percent == _lastPercent && second == _lastSecond)
        {
            return;
        }

        _lastPercent = percent;
        _lastSecond = second;
        var line = Format(value, totalBytes, now);
        stderr.Write("\r" + line.PadRight(_drawnWidth));
        _drawnWidth = Math.Max(_drawnWidth, line.Length);
    }

    /// <summary>Clears the line if anything was drawn.</summary>
    public void Done()
    {
        if (_drawnWidth > 0)
        {
            stderr.Write("\r" + new string(' ', _drawnWidth) + "\r");
        }
    }

    /// <summary>
    /// <c>[#####.....]  45.0%  12.3 MB/s  0:04 elapsed  0:05 left</c>; throughput from the bytes done so far, time left
    /// from that rate (<c>--:--</c> until something is done).
    /// </summary>
    public static string Format(double fraction, long totalBytes, TimeSpan elapsed)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        var filled = (int)(fraction * BarWidth);
        var done = fraction * totalBytes;
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? done / seconds / (1024 * 1024) : 0;
        var left = fraction > 0 && seconds > 0 ? Duration(TimeSpan.FromSeconds(seconds * (1 - fraction) / fraction)) : "--:--";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,5:0.0}%  {rate:0.0} MB/s  {Duration(elapsed)} elapsed  {left} left");
    }

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    public static string Duration(TimeSpan span)
    {
        var total = (long)Math.Ceiling(span.TotalSeconds - 1e-9);
        var hours = total / 3600;
        var minutes = total / 60 % 60;
        var secs = total % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{secs:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{secs:00}");
    }
}
