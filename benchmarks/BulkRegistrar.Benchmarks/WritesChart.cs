namespace BulkRegistrar.Benchmarks;

/// <summary>
/// The apply benchmarks' one chart: writes/s per bin (blue), the write budget's refill rate (dashed), optionally where
/// the burst was spent (dotted), and 429s/s as red points on the right axis. Made with ScottPlot (BENCH_CHARTS).
/// </summary>
internal static class WritesChart
{
    public static void Save(string path, string title, string xLabel, IReadOnlyList<(double T, double Writes, double Throttled)> bins, double budget,
        double? burstSpent = null)
    {
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(bins.Select(b => b.T).ToArray(), bins.Select(b => b.Writes).ToArray());
        line.LegendText = "writes/s";
        line.MarkerSize = 0;
        var refill = plot.Add.HorizontalLine(budget);
        refill.LegendText = "write budget refill";
        refill.LinePattern = ScottPlot.LinePattern.Dashed;
        if (burstSpent is { } spent)
        {
            var mark = plot.Add.VerticalLine(spent);
            mark.LegendText = "burst spent";
            mark.LinePattern = ScottPlot.LinePattern.Dotted;
        }

        var throttled = bins.Where(b => b.Throttled > 0).ToList();
        if (throttled.Count > 0)
        {
            var red = plot.Add.Scatter(throttled.Select(b => b.T).ToArray(), throttled.Select(b => b.Throttled).ToArray());
            red.LegendText = "429s/s (right axis)";
            red.LineWidth = 0;
            red.MarkerSize = 6;
            red.Color = ScottPlot.Colors.Red;
            red.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "429s/s";
            plot.Axes.SetLimitsY(0, (throttled.Max(b => b.Throttled) * 1.1) + 1, plot.Axes.Right);
        }

        plot.Axes.SetLimitsY(0, Math.Max(budget, bins.Select(b => b.Writes).DefaultIfEmpty(0).Max()) * 1.1, plot.Axes.Left);
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Left.Label.Text = "writes/s";
        plot.ShowLegend();
        plot.SavePng(path, 900, 450);
    }
}
