using ScottPlot;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// Charts drawn server-side with ScottPlot 5 as PNG, for both renderers. Labels use WenQuanYi Micro Hei in Chinese
/// reports (ScottPlot finds no CJK face by itself) and DejaVu Sans otherwise.
/// </summary>
internal static class ReportCharts
{
    public const int Width = 1200;
    public const int Height = 520;

    private static readonly Color Accent = Color.FromHex("#1f4e79");

    public static byte[] HorizontalBars(IReadOnlyList<(string Label, double Value)> data, string valueAxis, bool chinese)
    {
        var plot = NewPlot(chinese);
        var ordered = data.Reverse().ToList();
        var bars = ordered.Select((d, i) => new Bar { Position = i, Value = d.Value, FillColor = Accent, LineWidth = 0 }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plot.Axes.Left.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered.Select(d => Shorten(d.Label)).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = valueAxis;
        plot.Axes.Margins(left: 0, right: 0.08, bottom: 0.02, top: 0.02);
        plot.Axes.SetLimitsX(0, Math.Max(1, data.Count == 0 ? 1 : data.Max(d => d.Value)) * 1.08);
        return plot.GetImageBytes(Width, Math.Max(260, Math.Min(Height, 70 + (data.Count * 34))), ImageFormat.Png);
    }

    /// <summary>Bars over time slices; x is the offset from the first slice in <paramref name="timeAxis"/>'s unit.</summary>
    public static byte[] TimeBars(IReadOnlyList<(double Offset, double Value)> buckets, double bucketWidth, string timeAxis, string valueAxis, bool chinese)
    {
        var plot = NewPlot(chinese);
        var bars = buckets.Select(b => new Bar
        {
            Position = b.Offset + (bucketWidth / 2),
            Value = b.Value,
            Size = bucketWidth * 0.9,
            FillColor = Accent,
            LineWidth = 0,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.Label.Text = timeAxis;
        plot.Axes.Left.Label.Text = valueAxis;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0, buckets.Count == 0 ? 1 : buckets.Max(b => b.Offset) + bucketWidth);
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(Width, 420, ImageFormat.Png);
    }

    /// <summary>Events as points on lanes (one row per lane, labelled), time along the bottom.</summary>
    public static byte[] Timeline(IReadOnlyList<(DateTime At, int Lane)> events, IReadOnlyList<string> lanes, bool chinese)
    {
        var plot = NewPlot(chinese);
        var palette = new ScottPlot.Palettes.Category10();
        for (var lane = 0; lane < lanes.Count; lane++)
        {
            var points = events.Where(e => e.Lane == lane).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(points.Select(p => p.At.ToOADate()).ToArray(), points.Select(_ => (double)(lanes.Count - 1 - lane)).ToArray());
            scatter.MarkerSize = 11;
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.Color = palette.GetColor(lane).WithAlpha(0.8);
        }

        var axis = plot.Axes.DateTimeTicksBottom();
        var days = events.Count == 0 ? 0 : (events.Max(e => e.At) - events.Min(e => e.At)).TotalDays;
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            // ISO dates in both languages (the default is the US format)
            var format = days > 3 ? "yyyy-MM-dd" : "MM-dd HH:mm";
            automatic.LabelFormatter = d => d.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Axes.Left.SetTicks(Enumerable.Range(0, lanes.Count).Select(i => (double)(lanes.Count - 1 - i)).ToArray(), lanes.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-0.6, lanes.Count - 0.4);
        if (events.Count > 0)
        {
            var min = events.Min(e => e.At).ToOADate();
            var max = events.Max(e => e.At).ToOADate();
            var pad = Math.Max((max - min) * 0.04, 1.0 / 24);
            plot.Axes.SetLimitsX(min - pad, max + pad);
        }

        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(Width, 90 + (lanes.Count * 55), ImageFormat.Png);
    }

    private static Plot NewPlot(bool chinese)
    {
        var plot = new Plot();
        plot.Font.Set(chinese ? "WenQuanYi Micro Hei" : "DejaVu Sans");
        plot.Axes.Left.TickLabelStyle.FontSize = 17;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 17;
        plot.Axes.Left.Label.FontSize = 18;
        plot.Axes.Bottom.Label.FontSize = 18;
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        return plot;
    }

    private static string Shorten(string label) => label.Length <= 40 ? label : label[..39] + "…";
}
