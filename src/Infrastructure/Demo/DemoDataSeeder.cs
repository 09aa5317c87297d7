using CaseManager.Application.Cases.Commands.AllowClientUploads;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Evidence.Commands.AnalyseEvidence;
using CaseManager.Application.Evidence.Commands.AppendChunk;
using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Application.Evidence.Commands.CompleteUpload;
using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Indicators;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Messages;
using CaseManager.Domain.Remediation;
using CaseManager.Infrastructure.BackgroundJobs;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CaseManager.Infrastructure.Demo;

/// <summary>What the demo seed made, for tests that walk it.</summary>
public sealed record DemoDataSet(
    Guid ClientId,
    Guid CaseId,
    Guid DnsEvidenceId,
    Guid LongClientId,
    Guid LongCaseId,
    Guid EmptyCaseId,
    Guid ManyFlowsEvidenceId,
    IReadOnlyDictionary<CasePhase, Guid> CasesByPhase,
    string ConsultantId,
    string ClientUserId);

/// <summary>
/// Demo data for a first look and for the page walk, on either database: three clients (one with a 200-character
/// name mixing Arabic and Latin), a consultant and a client user, cases in every phase, a classified case with
/// analysed evidence, indicators, remediation items (one assigned to the client) and a message thread, a case with a
/// very long right-to-left title, an empty case, and a capture of 10,000 conversations. Runs through the application's
/// own commands as the system; seeds once (a second run finds the demo client and does nothing). Turned on with
/// <c>Seed:Demo=true</c>; the users' password is <c>Seed:DemoPassword</c> (default <see cref="DefaultPassword"/>, refused in
/// Production).
/// </summary>
public sealed class DemoDataSeeder(ISender sender, IApplicationDbContext db, IIdentityService identity, JobContext jobContext,
    IConfiguration configuration, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string ClientName = "Northwind Trading (demo)";
    public const string ConsultantEmail = "consultant@demo.local";
    public const string ClientEmail = "client@demo.local";
    public const string DefaultPassword = "Demo!Passw0rd-2026";
    public const int ManyFlowsCount = 10_000;

    /// <summary>Right-to-left text ("main data centre — file server") used in the long names and titles.</summary>
    public const string RightToLeft = "مركز البيانات الرئيسي — خادم الملفات";

    /// <summary>Seeds the demo data, or returns null when it is already there.</summary>
    public async Task<DemoDataSet?> SeedAsync(bool production, CancellationToken cancellationToken)
    {
        if (await db.Clients.AnyAsync(c => c.Name == ClientName, cancellationToken))
        {
            logger.LogInformation("Demo data already present; not seeded again.");
            return null;
        }

        var password = configuration["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            if (production)
            {
                throw new InvalidOperationException("Seed:Demo in Production needs Seed:DemoPassword (env Seed__DemoPassword).");
            }

            password = DefaultPassword;
        }

        jobContext.RunAsSystem();
        var now = clock.GetUtcNow();
        var clientId = await sender.Send(new CreateClientCommand(ClientName, "Retail", "Demo client.", [new("Ann Lee", "IT manager", "+44 20 7946 0000", "ann.lee@northwind.example")]), cancellationToken);
        var secondClient = await sender.Send(new CreateClientCommand("Contoso Health (demo)", "Healthcare", null, []), cancellationToken);
        var longName = "شركة الخليج للتجارة والاستثمار المحدودة — Gulf Trading and Investment Company International Holding Group of Subsidiaries, Affiliates and Associated Enterprises Incorporated";
        longName = (longName + " " + new string('X', 200))[..Domain.Clients.Client.NameMaxLength];
        var longClient = await sender.Send(new CreateClientCommand(longName, null, null, []), cancellationToken);
        var consultantId = await identity.CreateUserAsync(new NewUser(ConsultantEmail, "Demo Consultant", password, Roles.Consultant, null), cancellationToken);
        var clientUserId = await identity.CreateUserAsync(new NewUser(ClientEmail, "Ann Lee", password, Roles.Client, clientId), cancellationToken);

        // The worked case: intake, analysed evidence, classification (which plans remediation), indicators, messages.
        var caseId = await sender.Send(new OpenCaseCommand(clientId, "IRC bot and miner on the web server", "Found by the night shift.", Severity.High, TrafficLightProtocol.Amber,
            DetectedAt: now.AddDays(-2), ReportedAt: now.AddDays(-2).AddHours(1)), cancellationToken);
        await sender.Send(new AssignConsultantCommand(caseId, consultantId), cancellationToken);
        await sender.Send(new AllowClientUploadsCommand(caseId, true), cancellationToken);
        var host = new AffectedHost(Guid.NewGuid(), Hostname: "web-01", IpAddresses: ["10.0.0.5"]);
        await sender.Send(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Ann Lee"), Hosts = [host] }, null, Submit: false), cancellationToken);
        var dns = await UploadAndAnalyseAsync(caseId, "c2-lookup.pcap", DemoCaptures.DnsQuery("sjb555.3322.org"), cancellationToken);
        await sender.Send(new ConfirmClassificationCommand(caseId, IncidentType.Botnet, null, Severity.High, "IRC command channel and a dynamic DNS lookup (demo)."), cancellationToken);
        await sender.Send(new AddManualIndicatorCommand(caseId, IndicatorType.Ip, "130.239.18.119", IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, "c2,irc", "IRC server the bot joined.", now.AddDays(-2)), cancellationToken);
        await sender.Send(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, "pool.example-miner.net", IndicatorStatus.Suspected, TrafficLightProtocol.Green, "mining", null, null), cancellationToken);

        var items = await db.RemediationItems.Where(i => i.CaseId == new CaseId(caseId)).OrderBy(i => i.Order).Select(i => i.Id).Take(2).ToListAsync(cancellationToken);
        if (items.Count > 0)
        {
            await sender.Send(new AssignRemediationItemCommand(items[0], clientUserId, DateOnly.FromDateTime(now.UtcDateTime.AddDays(3))), cancellationToken);
        }

        if (items.Count > 1)
        {
            await sender.Send(new UpdateRemediationItemCommand(items[1], RemediationStatus.InProgress, "Started by the consultant (demo).", null, null), cancellationToken);
        }

        // Cases in every phase, for the dashboard, the case list and the portal.
        var byPhase = new Dictionary<CasePhase, Guid> { [CasePhase.Analysis] = caseId };
        foreach (var phase in Enum.GetValues<CasePhase>().Where(p => p != CasePhase.Analysis))
        {
            var id = await sender.Send(new OpenCaseCommand(phase == CasePhase.Remediation ? secondClient : clientId, $"Demo case in the {phase} phase", null, Severity.Medium, TrafficLightProtocol.Green), cancellationToken);
            await sender.Send(new AssignConsultantCommand(id, consultantId), cancellationToken);
            for (var p = CasePhase.Classification; p <= phase; p++)
            {
                await sender.Send(new ChangeCasePhaseCommand(id, p, "Demo data."), cancellationToken);
            }

            byPhase[phase] = id;
        }

        // Bad input: a very long right-to-left title, a long-named client's case, an empty case, a 10,000-row table.
        var longTitle = (RightToLeft + " Ransomware_on_fileserver_FS-PROD-0001_with_a_title_that_never_breaks_by_itself_" + new string('W', 200))[..IncidentCase.TitleMaxLength];
        await sender.Send(new OpenCaseCommand(longClient, RightToLeft + " — case of the long-named client", null, Severity.Medium, TrafficLightProtocol.Green), cancellationToken);
        var longCase = await sender.Send(new OpenCaseCommand(clientId, longTitle, RightToLeft + " " + new string('x', 400), Severity.Critical, TrafficLightProtocol.Red), cancellationToken);
        await sender.Send(new AssignConsultantCommand(longCase, consultantId), cancellationToken);
        var emptyCase = await sender.Send(new OpenCaseCommand(clientId, "Empty case", null, Severity.Low, TrafficLightProtocol.Clear), cancellationToken);
        var manyFlows = await UploadAndAnalyseAsync(longCase, "10k-flows.pcap", DemoCaptures.ManyFlows(ManyFlowsCount), cancellationToken);

        var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId), cancellationToken);
        var longIncident = await db.Cases.SingleAsync(c => c.Id == new CaseId(longCase), cancellationToken);
        db.CaseMessages.Add(CaseMessage.Post(incident, consultantId, "Demo Consultant", false, "Which hosts did you isolate, and when?", now.AddMinutes(-10)));
        db.CaseMessages.Add(CaseMessage.Post(incident, clientUserId, "Ann Lee", true, "web-01 at 03:10 UTC. 已隔离。", now.AddMinutes(-5)));
        db.CaseMessages.Add(CaseMessage.Post(longIncident, clientUserId, "Ann Lee", true, RightToLeft + " " + string.Concat(Enumerable.Repeat("averyveryverylongwordwithoutanyspaces", 8)), now));
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Seeded demo data: sign in as {Consultant} or {Client}.", ConsultantEmail, ClientEmail);
        return new DemoDataSet(clientId, caseId, dns, longClient, longCase, emptyCase, manyFlows, byPhase, consultantId, clientUserId);
    }

    /// <summary>Uploads a file to a case and analyses it now, in this scope (a worker, when running, may analyse it again: analysis is reentrant).</summary>
    public async Task<Guid> UploadAndAnalyseAsync(Guid caseId, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        jobContext.RunAsSystem();
        var uploadId = await sender.Send(new BeginEvidenceUploadCommand(caseId, name, bytes.Length), cancellationToken);
        await sender.Send(new AppendEvidenceChunkCommand(uploadId, 0, new MemoryStream(bytes)), cancellationToken);
        var evidenceId = await sender.Send(new CompleteEvidenceUploadCommand(uploadId, "demo data"), cancellationToken);
        await sender.Send(new AnalyseEvidenceCommand(evidenceId), cancellationToken);
        return evidenceId;
    }
}
