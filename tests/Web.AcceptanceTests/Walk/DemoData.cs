using System.Buffers.Binary;
using System.Diagnostics;
using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Web.AcceptanceTests.Walk;

/// <summary>
/// The demo data the page walk runs on: a client with a user, a consultant, a case with an intake, analysed evidence
/// (an IRC capture and a process core) and a message thread; a case whose title and client name are very long and
/// right-to-left; an empty case; and a capture of 10,000 conversations (a 10,000-row table).
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
    string ConsultantId)
{
    public const string ConsultantEmail = "walk.consultant@test.local";
    public const string ClientEmail = "walk.client@test.local";
    public const string Password = "Walk!Passw0rd-2026";

    public static async Task<DemoData> SeedAsync(BrowserFixture fixture)
    {
        var app = fixture.App;
        var clientId = await app.AsSystemAsync(s => s.Send(new CreateClientCommand("Northwind Trading", "Retail", null, [])));
        var consultantId = await app.CreateUserAsync(ConsultantEmail, Password, Roles.Consultant, null);
        var clientUserId = await app.CreateUserAsync(ClientEmail, Password, Roles.Client, clientId);
        var caseId = await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "IRC bot and miner on the web server", "Found by the night shift.", Severity.High, TrafficLightProtocol.Amber)));
        await app.AsSystemAsync(s => s.Send(new AssignConsultantCommand(caseId, consultantId)));
        await app.AsSystemAsync(s => s.Send(new AllowClientUploadsCommand(caseId, true)));
        var host = new AffectedHost(Guid.NewGuid(), Hostname: "web-01", IpAddresses: ["10.0.0.5"]);
        await app.AsSystemAsync(s => s.Send(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Ann Lee"), Hosts = [host] }, null, Submit: false)));
        var irc = await fixture.UploadAndAnalyseAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await fixture.UploadAndAnalyseAsync(caseId, "c2-lookup.pcap", TinyCapture.DnsQuery("sjb555.3322.org"));
        var core = await fixture.UploadAndAnalyseAsync(caseId, "sleeper.core", await CoreOfAHelperProcessAsync());
        var ircTable = await app.AsSystemAsync(s => s.Send(new GetResultTableQuery(irc, "irc")));
        var stream = (long)ircTable.Rows[0][ircTable.Columns.Select((c, i) => (c, i)).First(x => x.c.Name == "stream").i]!;

        var rtl = "مركز البيانات الرئيسي — خادم الملفات ";
        var longClient = await app.AsSystemAsync(s => s.Send(new CreateClientCommand(
            "شركة الخليج للتجارة والاستثمار المحدودة International Holding Group of Very Long Names Incorporated", null, null, [])));
        var longTitle = (rtl + "Ransomware_on_fileserver_FS-PROD-0001_with_a_title_that_never_breaks_by_itself_" + new string('W', 60)).Trim();
        await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(longClient, rtl + "— case of the long-named client", null, Severity.Medium, TrafficLightProtocol.Green)));
        var longCase = await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, longTitle[..Math.Min(longTitle.Length, IncidentCase.TitleMaxLength)], rtl + new string('x', 400), Severity.Critical, TrafficLightProtocol.Red)));
        await app.AsSystemAsync(s => s.Send(new AssignConsultantCommand(longCase, consultantId)));
        var emptyCase = await app.AsSystemAsync(s => s.Send(new OpenCaseCommand(clientId, "Empty case", null, Severity.Low, TrafficLightProtocol.Clear)));
        var manyFlows = await fixture.UploadAndAnalyseAsync(longCase, "10k-flows.pcap", ManyFlows(10_000));

        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CaseManager.Application.Common.Interfaces.IApplicationDbContext>();
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
            var longIncident = await db.Cases.SingleAsync(c => c.Id == new CaseId(longCase));
            var now = DateTimeOffset.UtcNow;
            db.CaseMessages.Add(CaseMessage.Post(incident, consultantId, "walk.consultant", false, "Which hosts did you isolate, and when?", now.AddMinutes(-10)));
            db.CaseMessages.Add(CaseMessage.Post(incident, clientUserId, "walk.client", true, "web-01 at 03:10 UTC. 已隔离。", now.AddMinutes(-5)));
            db.CaseMessages.Add(CaseMessage.Post(longIncident, clientUserId, "walk.client", true, rtl + string.Concat(Enumerable.Repeat("averyveryverylongwordwithoutanyspaces", 8)), now));
            await db.SaveChangesAsync(CancellationToken.None);
            return 0;
        });

        return new DemoData(clientId, caseId, irc, stream, core, longCase, emptyCase, manyFlows, consultantId);
    }

    /// <summary>A pcap (raw IPv4) of <paramref name="count"/> one-packet UDP conversations, each from its own source port and address.</summary>
    public static byte[] ManyFlows(int count)
    {
        using var file = new MemoryStream();
        using var w = new BinaryWriter(file);
        w.Write(0xa1b2c3d4u);
        w.Write((ushort)2);
        w.Write((ushort)4);
        w.Write(0);
        w.Write(0u);
        w.Write(65535u);
        w.Write(101u);
        var ip = new byte[20 + 8 + 4];
        for (var i = 0; i < count; i++)
        {
            Array.Clear(ip);
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
            ip[8] = 64;
            ip[9] = 17;
            byte[] source = [10, 1, (byte)(i >> 8), (byte)i];
            byte[] destination = [192, 0, 2, (byte)(1 + (i % 200))];
            source.CopyTo(ip, 12);
            destination.CopyTo(ip, 16);
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), (ushort)(20000 + (i % 40000)));
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), 9999);
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), 12);
            w.Write(1_764_300_000u + (uint)(i / 100));
            w.Write((uint)(i % 100) * 10_000);
            w.Write((uint)ip.Length);
            w.Write((uint)ip.Length);
            w.Write(ip);
        }

        w.Flush();
        return file.ToArray();
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
