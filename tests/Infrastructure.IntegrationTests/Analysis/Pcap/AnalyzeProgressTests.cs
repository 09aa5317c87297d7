using System.Text.Json;
using CaseManager.Cli.Commands;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary><c>casemgr analyze</c> progress: the line's formatting, the one-second delay and <c>--quiet</c> (a fake clock, no timing).</summary>
public sealed class AnalyzeProgressTests
{
    private const long TenMegabytes = 10L * 1024 * 1024;

    [Fact]
    public void Format_shows_percent_throughput_elapsed_and_time_left()
    {
        ProgressBar.Format(0.2, TenMegabytes, TimeSpan.FromSeconds(2)).ShouldBe(
            "[######........................]  20.0%  1.0 MB/s  0:02 elapsed  0:08 left");
        ProgressBar.Format(1, TenMegabytes, TimeSpan.FromSeconds(4)).ShouldBe(
            "[##############################] 100.0%  2.5 MB/s  0:04 elapsed  0:00 left");
        ProgressBar.Format(0, TenMegabytes, TimeSpan.FromSeconds(1.5)).ShouldBe(
            "[..............................]   0.0%  0.0 MB/s  0:02 elapsed  --:-- left");
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59.2, "1:00")]
    [InlineData(61, "1:01")]
    [InlineData(3599, "59:59")]
    [InlineData(3725, "1:02:05")]
    public void Durations_are_minutes_and_seconds_then_hours(double seconds, string expected) =>
        ProgressBar.Duration(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Fact]
    public void Nothing_is_drawn_in_the_first_second_then_one_redraw_per_percent_or_second()
    {
        var now = TimeSpan.FromMilliseconds(300);
        var stderr = new StringWriter();
        var bar = new ProgressBar(stderr, TenMegabytes, () => now);

        bar.Report(0.5);
        bar.Done();
        stderr.ToString().ShouldBeEmpty();

        now = TimeSpan.FromSeconds(1.2);
        bar.Report(0.5);
        bar.Report(0.501);
        stderr.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        stderr.ToString().ShouldContain(" 50.0%  4.2 MB/s  0:02 elapsed  0:02 left");

        now = TimeSpan.FromSeconds(2.5);
        bar.Report(0.502);
        bar.Done();
        var output = stderr.ToString();
        output.Split('\r', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
        output.ShouldEndWith("\r");
        output.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData(false, true, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    public void Progress_only_on_a_terminal_and_not_with_quiet(bool quiet, bool terminal, bool expected) =>
        ProgressBar.ShouldShow(quiet, terminal).ShouldBe(expected);

    [Theory]
    [InlineData("--quiet")]
    [InlineData("-q")]
    public async Task Quiet_is_an_option_not_the_file_and_json_stdout_stays_clean(string quiet)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await AnalyzeCommand.RunAsync([quiet, TestCaptures.PathOf("zeek_irc-basic.pcap"), "--json"], stdout, stderr);

        code.ShouldBe(0);
        using var document = JsonDocument.Parse(stdout.ToString());
        document.RootElement.GetProperty("kind").GetString().ShouldNotBeNull();
        stderr.ToString().ShouldNotContain("%");
    }
}
