using System.Diagnostics;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Infrastructure.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.AcceptanceTests.Walk;

/// <summary>
/// The demo data the page walk runs on: the application's own demo seed (<see cref="DemoDataSeeder"/>: clients, cases
/// in every phase, a classified case with analysed evidence, indicators, remediation and a thread, a 200-character
/// client name, a long right-to-left title, an empty case, a 10,000-row table), plus two pieces only the test machine
/// has: an IRC capture from the shared test data and a process core made with gdb, both on the demo case.
/// </summary>
public sealed record DemoData(
    Guid ClientId,
    Guid CaseId,
    Guid IrcEvidenceId,
    long IrcStream,
    Guid CoreEvidenceId,
    Guid LongCaseId,
    Guid EmptyCaseId,
    Guid ManyFlowsEvidenceId,
    string ConsultantId,
    DemoDataSet Seed)
{
    public const string ConsultantEmail = DemoDataSeeder.ConsultantEmail;
    public const string ClientEmail = DemoDataSeeder.ClientEmail;
    public const string Password = DemoDataSeeder.DefaultPassword;

    public static async Task<DemoData> SeedAsync(BrowserFixture fixture)
    {
        var app = fixture.App;
        var seed = await app.InScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync(production: false, CancellationToken.None));
        seed.ShouldNotBeNull();
        var caseId = seed.CaseId;
        var irc = await fixture.UploadAndAnalyseAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        var core = await fixture.UploadAndAnalyseAsync(caseId, "sleeper.core", await CoreOfAHelperProcessAsync());
        var ircTable = await app.AsSystemAsync(s => s.Send(new GetResultTableQuery(irc, "irc")));
        var stream = (long)ircTable.Rows[0][ircTable.Columns.Select((c, i) => (c, i)).First(x => x.c.Name == "stream").i]!;
        return new DemoData(seed.ClientId, caseId, irc, stream, core, seed.LongCaseId, seed.EmptyCaseId, seed.ManyFlowsEvidenceId, seed.ConsultantId, seed);
    }

    /// <summary>A core of a sleeping helper process made with gdb's gcore, as the memory tests make theirs.</summary>
    private static async Task<byte[]> CoreOfAHelperProcessAsync()
    {
        var directory = Directory.CreateTempSubdirectory("casemanager-walk-core-");
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            using var gcore = Process.Start(new ProcessStartInfo("gcore", ["-o", Path.Combine(directory.FullName, "core"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await gcore.StandardOutput.ReadToEndAsync();
            await gcore.WaitForExitAsync();
            gcore.ExitCode.ShouldBe(0, await gcore.StandardError.ReadToEndAsync());
            return await File.ReadAllBytesAsync(Path.Combine(directory.FullName, $"core.{sleeper.Id}"));
        }
        finally
        {
            sleeper.Kill();
            directory.Delete(recursive: true);
        }
    }
}
