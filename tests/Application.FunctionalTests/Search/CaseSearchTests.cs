using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Cases.Commands.UpdateCase;
using CaseManager.Application.Cases.Queries.GetCaseDashboard;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Clients.Queries.ListClientNames;
using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Search.Commands.CompactSearchIndexes;
using CaseManager.Application.Search.Queries.SearchCases;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.FunctionalTests.Search;

/// <summary>
/// Issue #12: the intake's hosts are searched through their maintained search text (not the intake's JSON), by the case
/// list and the search box alike, and follow every edit; the case list's dashboard counts open cases by confirmed incident
/// type and each bar's filter lists exactly those cases. On SQLite and PostgreSQL.
/// </summary>
public abstract class CaseSearchTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task IntakeHosts_AreFoundByNameOrAddressPart_InListAndSearchBox_AndFollowEdits()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Search"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Unrelated title", null, Severity.High, TrafficLightProtocol.Green));
        var other = await App.SendAsync(new OpenCaseCommand(clientId, "Another", null, Severity.Low, TrafficLightProtocol.Green));
        var first = new AffectedHost(Guid.Empty, Hostname: $"  Mail-{marker}.Corp.Example ", IpAddresses: ["10.201.7.33", $"fe80::1:{marker[..4]}"]);
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Hosts = [first] }, null, Submit: false));
        await App.SendAsync(new SaveIntakeCommand(other, IntakeData.Empty with { Hosts = [new AffectedHost(Guid.Empty, $"db-{marker}x")] }, null, Submit: false));

        (await ListAsync($"MAIL-{marker}")).ShouldBe([caseId]);
        (await ListAsync($"mail-{marker}.corp.example")).ShouldBe([caseId]);
        (await ListAsync($"fe80::1:{marker[..4]}")).ShouldBe([caseId]);
        (await ListAsync($"-{marker}")).ShouldBe([caseId, other], ignoreOrder: true);
        (await BoxAsync($"Mail-{marker}")).ShouldBe([(caseId, SearchField.Intake)]);

        // The client's name finds all its cases, ignoring case (matched in the cached client list, so a new client counts).
        var clientName = await App.InDbAsync(db => db.Clients.Where(k => k.Id == new CaseManager.Domain.Clients.ClientId(clientId)).Select(k => k.Name).SingleAsync());
        (await ListAsync(clientName.ToUpperInvariant())).ShouldBe([caseId, other], ignoreOrder: true);

        // A property name of the stored JSON is not content: "hostname" finds no case through the intake.
        (await ListAsync("hostname")).ShouldNotContain(caseId);

        // The client renames the host: the old name no longer finds the case, the new one does, in both places.
        var renamed = first with { Hostname = $"smtp-{marker}", IpAddresses = ["10.201.7.34"] };
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Hosts = [renamed] }, null, Submit: false));
        (await ListAsync($"mail-{marker}")).ShouldBeEmpty();
        (await BoxAsync($"mail-{marker}")).ShouldBeEmpty();
        (await ListAsync("10.201.7.33")).ShouldNotContain(caseId);
        (await ListAsync($"SMTP-{marker}")).ShouldBe([caseId]);
        (await BoxAsync("10.201.7.34")).ShouldContain((caseId, SearchField.Intake));

        // Hosts removed altogether: nothing of the intake is searchable any more.
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty, null, Submit: false));
        (await ListAsync($"smtp-{marker}")).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Dashboard_CountsOpenCasesByConfirmedType_AndEachBarFiltersTheList()
    {
        var before = Types(await App.SendAsync(new GetCaseDashboardQuery()));
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Types"), null, null, []));
        var mining = await App.SendAsync(new OpenCaseCommand(clientId, "Miner", null, Severity.High, TrafficLightProtocol.Green));
        var reclassified = await App.SendAsync(new OpenCaseCommand(clientId, "Bot", null, Severity.High, TrafficLightProtocol.Green));
        var unclassified = await App.SendAsync(new OpenCaseCommand(clientId, "Not yet", null, Severity.Low, TrafficLightProtocol.Green));
        var closed = await App.SendAsync(new OpenCaseCommand(clientId, "Closed miner", null, Severity.Low, TrafficLightProtocol.Green));
        await App.SendAsync(new ConfirmClassificationCommand(mining, IncidentType.Cryptomining, "XMRig", Severity.High, "Stratum traffic"));
        await App.SendAsync(new ConfirmClassificationCommand(reclassified, IncidentType.Cryptomining, null, Severity.High, "First look"));
        await App.SendAsync(new ConfirmClassificationCommand(reclassified, IncidentType.Botnet, null, Severity.High, "IRC C2 after all"));
        await App.SendAsync(new ConfirmClassificationCommand(closed, IncidentType.Cryptomining, null, Severity.Low, "Old"));
        await App.SendAsync(new ChangeCasePhaseCommand(closed, CasePhase.Closed, "Done"));

        var dashboard = await App.SendAsync(new GetCaseDashboardQuery());
        var after = Types(dashboard);

        // The newest decision counts (the re-classified case is a botnet now); closed cases are not counted.
        Delta(nameof(IncidentType.Cryptomining)).ShouldBe(1);
        Delta(nameof(IncidentType.Botnet)).ShouldBe(1);
        Delta(CaseBreakdown.Unclassified).ShouldBe(1);
        after.Keys.ShouldAllBe(k => k == CaseBreakdown.Unclassified || Enum.IsDefined(Enum.Parse<IncidentType>(k)));
        dashboard.Breakdowns.Select(b => b.Dimension).ShouldContain(CaseBreakdown.Type);
        dashboard.Breakdowns.Single(b => b.Dimension == CaseBreakdown.Type).Counts.Sum(c => c.Count).ShouldBe(dashboard.OpenCases);

        // Each bar's filter lists those cases (the list shows closed ones too, as the phase filter decides).
        (await ListAsync(clientId, IncidentType.Cryptomining)).ShouldBe([mining, closed], ignoreOrder: true);
        (await ListAsync(clientId, IncidentType.Botnet)).ShouldBe([reclassified]);
        (await ListAsync(clientId, null, unclassifiedOnly: true)).ShouldBe([unclassified]);
        (await ListAsync(clientId, IncidentType.Phishing)).ShouldBeEmpty();
        (await App.SendAsync(new ListCasesQuery(Type: IncidentType.Botnet, PageSize: 100))).TotalCount.ShouldBe(after[nameof(IncidentType.Botnet)]);

        int Delta(string key) => after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
    }

    [SkippableFact]
    public async Task ClientNames_ListsEveryClientByName()
    {
        var name = Unique("Names");
        var clientId = await App.SendAsync(new CreateClientCommand(name, null, null, []));
        var names = await App.SendAsync(new ListClientNamesQuery());
        names.ShouldContain(new ClientNameDto(clientId, name));
        names.Select(n => n.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [SkippableFact]
    public async Task CachedCounts_FollowEverySave_AtOnce()
    {
        // The dashboard, the client names and the unfiltered list's count are cached: each must still show a save at once.
        var dashboard = await App.SendAsync(new GetCaseDashboardQuery());
        var total = (await App.SendAsync(new ListCasesQuery())).TotalCount;
        var names = await App.SendAsync(new ListClientNamesQuery());

        var name = Unique("Cached");
        var clientId = await App.SendAsync(new CreateClientCommand(name, null, null, []));
        (await App.SendAsync(new ListClientNamesQuery())).Count.ShouldBe(names.Count + 1);
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Counted", null, Severity.High, TrafficLightProtocol.Green));
        (await App.SendAsync(new ListCasesQuery())).TotalCount.ShouldBe(total + 1);
        var opened = await App.SendAsync(new GetCaseDashboardQuery());
        opened.OpenCases.ShouldBe(dashboard.OpenCases + 1);

        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.Phishing, null, Severity.High, "Mail"));
        Types(await App.SendAsync(new GetCaseDashboardQuery())).GetValueOrDefault(nameof(IncidentType.Phishing))
            .ShouldBe(Types(dashboard).GetValueOrDefault(nameof(IncidentType.Phishing)) + 1);
        await App.SendAsync(new ChangeCasePhaseCommand(caseId, CasePhase.Closed, "Done"));
        (await App.SendAsync(new GetCaseDashboardQuery())).OpenCases.ShouldBe(dashboard.OpenCases);
    }

    [SkippableFact]
    public async Task ListSearch_CountsEveryMatch_AndPagesThemNewestFirst()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Paged"), null, null, []));
        var opened = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            opened.Add(await App.SendAsync(new OpenCaseCommand(clientId, $"Paged {marker} {i}", null, Severity.Low, TrafficLightProtocol.Green)));
        }

        var first = await App.SendAsync(new ListCasesQuery(Page: 1, PageSize: 2, Search: marker));
        var second = await App.SendAsync(new ListCasesQuery(Page: 2, PageSize: 2, Search: marker));
        first.TotalCount.ShouldBe(3);
        second.TotalCount.ShouldBe(3);
        first.Items.Select(c => c.Id).ShouldBe([opened[2], opened[1]]);
        second.Items.Select(c => c.Id).ShouldBe([opened[0]]);
        first.Items[0].ClientName.ShouldNotBeNullOrEmpty();
    }

    [SkippableFact]
    public async Task SearchTerms_AreLiteral_PercentAndUnderscoreAreNoWildcards()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Literal"), null, null, []));
        var literal = await App.SendAsync(new OpenCaseCommand(clientId, $"Promo {marker} 100%_off", null, Severity.Low, TrafficLightProtocol.Green));
        var lookalike = await App.SendAsync(new OpenCaseCommand(clientId, $"Promo {marker} 1000xoff", null, Severity.Low, TrafficLightProtocol.Green));
        await App.SendAsync(new SaveIntakeCommand(lookalike, IntakeData.Empty with { Hosts = [new AffectedHost(Guid.Empty, $"h{marker}-a_b")] }, null, Submit: false));

        (await ListAsync($"{marker} 100%_OFF")).ShouldBe([literal]);
        (await BoxAsync($"{marker} 100%_off")).ShouldBe([(literal, SearchField.Title)]);
        (await ListAsync($"promo {marker}")).ShouldBe([literal, lookalike], ignoreOrder: true);
        (await BoxAsync($"h{marker}-a_b")).ShouldBe([(lookalike, SearchField.Intake)]);
        (await BoxAsync($"h{marker}-a%b")).ShouldBeEmpty();
        (await ListAsync($"{marker}-a\\b")).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task SearchIndexes_Exist_AndAnswerTheSearch()
    {
        // SQLite: FTS5 trigram tables (kept by triggers) answer terms of three characters or more; shorter terms scan
        // covering indexes. PostgreSQL: trigram indexes seek LIKE '%term%'.
        var postgres = App.Database is PostgresTestDatabase;
        var sql = postgres
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename IN ('cases', 'intake_forms', 'evidence_indicators', 'case_indicators')"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type IN ('index', 'table', 'trigger')";
        var objects = await App.InDbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        string[] expected = postgres
            ? ["IX_cases_Title_trgm", "IX_cases_Description_trgm", "IX_cases_Number_trgm", "IX_intake_forms_HostSearch_trgm",
                "IX_evidence_indicators_Value_trgm", "IX_case_indicators_Value_trgm"]
            : ["IX_cases_Search", "IX_intake_forms_HostSearch", "case_search", "case_search_docs", "indicator_search", "indicator_search_values",
                "cases_search_ai", "cases_search_au", "intake_forms_search_au", "evidence_indicators_search_ad", "case_indicators_search_ai"];
        expected.Except(objects).ShouldBeEmpty();
        if (postgres)
        {
            // Short texts sharing frequent trigrams are in GiST indexes (long GIN posting lists made lookups slow).
            var gist = await App.InDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT indexname AS \"Value\" FROM pg_indexes WHERE indexdef LIKE '%USING gist%gist_trgm_ops (siglen=''256'')%'").ToListAsync());
            gist.ShouldBe(["IX_cases_Title_trgm", "IX_intake_forms_HostSearch_trgm", "IX_evidence_indicators_Value_trgm", "IX_case_indicators_Value_trgm"], ignoreOrder: true);
        }

        var (indexed, shortTerm, values, shortValues) = await App.InDbAsync(async db => (
            db.CasesContaining("web-01", withDescription: true).ToQueryString(),
            db.CasesContaining("ab", withDescription: true).ToQueryString(),
            (await db.IndicatorsContainingAsync("3322.org", CancellationToken.None)).Evidence.ToQueryString(),
            (await db.IndicatorsContainingAsync("ab", CancellationToken.None)).Evidence.ToQueryString()));
        if (postgres)
        {
            indexed.ShouldContain("LIKE");
            values.ShouldContain("ILIKE");
        }
        else
        {
            indexed.ShouldMatch(@"match\(@match, ""\w+""\.""case_search""\)");   // MATCH in function form on the FTS5 table
            indexed.ShouldNotContain("LIKE");
            values.ShouldNotContain("LIKE");   // the values the FTS5 index found, looked up as they are
            shortValues.ShouldContain("LIKE");
            shortTerm.ShouldNotContain("match(");
            shortTerm.ShouldContain("LIKE");
        }
    }

    [SkippableFact]
    public async Task TitlesAndDescriptions_AreFoundByAnyPart_AndFollowEdits()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Edits"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, $"Beacon {marker} on FS01", $"Found by the SOC: Miner-{marker}", Severity.High, TrafficLightProtocol.Green));

        (await ListAsync($"con {marker} on fs")).ShouldBe([caseId]);
        (await ListAsync($"miner-{marker}")).ShouldBe([caseId]);      // the list searches descriptions too
        (await BoxAsync($"miner-{marker}")).ShouldBeEmpty();          // the box does not
        var hit = (await App.SendAsync(new SearchCasesQuery($"BEACON {marker}"))).Cases.ShouldHaveSingleItem();
        hit.Matches.ShouldBe([new SearchMatchDto(SearchField.Title, $"Beacon {marker} on FS01")]);

        await App.SendAsync(new UpdateCaseCommand(caseId, $"Wiper {marker}", $"Ransom note \"README-{marker}.txt\"", Severity.High, TrafficLightProtocol.Green, null, null, null));
        (await ListAsync($"beacon {marker}")).ShouldBeEmpty();
        (await BoxAsync($"beacon {marker}")).ShouldBeEmpty();
        (await ListAsync($"miner-{marker}")).ShouldBeEmpty();
        (await BoxAsync($"wiper {marker}")).ShouldBe([(caseId, SearchField.Title)]);
        (await ListAsync($"\"readme-{marker}.txt\"")).ShouldBe([caseId]);   // quotes are literal, not query syntax
        (await ListAsync($"\"readme-{marker}.txt\" OR x")).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task IndicatorValues_AreFoundByAnyPart_InEvidenceAndManualEntries_AndLeaveWithTheirEvidence()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Iocs"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Bot", null, Severity.High, TrafficLightProtocol.Green));
        var other = await App.SendAsync(new OpenCaseCommand(clientId, "Manual", null, Severity.High, TrafficLightProtocol.Green));
        var evidenceId = await App.InDbAsync(async db =>
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
            var item = EvidenceItem.Register(incident, "c.pcap", EvidenceKind.Pcap, 1, new string('a', 64), new string('b', 40), new string('c', 32), "a", "b", DateTimeOffset.UtcNow);
            db.Evidence.Add(item);
            await db.SaveChangesAsync();
            db.EvidenceIndicators.Add(new EvidenceIndicator(item.Id, 1, IndicatorType.Domain, $"sjb555.{marker}.3322.org", null, IndicatorRelevance.Malicious));
            db.EvidenceIndicators.Add(new EvidenceIndicator(item.Id, 1, IndicatorType.Domain, $"www.{marker}.3322.org", null, IndicatorRelevance.Malicious));
            await db.SaveChangesAsync();
            return item.Id;
        });
        await App.SendAsync(new AddManualIndicatorCommand(other, IndicatorType.Domain, $"Pool.{marker}.3322.ORG", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null));

        var found = await App.SendAsync(new SearchCasesQuery($"{marker}.3322.org"));
        found.Cases.Select(c => c.Id).ShouldBe([caseId, other], ignoreOrder: true);
        found.Cases.Single(c => c.Id == caseId).Matches.ShouldBe(
            [new SearchMatchDto(SearchField.Indicator, $"sjb555.{marker}.3322.org"), new SearchMatchDto(SearchField.Indicator, $"www.{marker}.3322.org")], ignoreOrder: true);
        found.Cases.Single(c => c.Id == other).Matches.ShouldBe([new SearchMatchDto(SearchField.Indicator, $"pool.{marker}.3322.org")]);
        (await BoxAsync($"SJB555.{marker}")).ShouldBe([(caseId, SearchField.Indicator)]);

        // A re-run replaces its evidence's indicators: values no evidence or register holds any more are not found.
        await App.InDbAsync(db => db.EvidenceIndicators.Where(i => i.EvidenceId == evidenceId).ExecuteDeleteAsync());
        (await BoxAsync($"{marker}.3322.org")).ShouldBe([(other, SearchField.Indicator)]);
        var remaining = await App.InDbAsync(async db =>
        {
            var matches = await db.IndicatorsContainingAsync(marker, CancellationToken.None);
            return (await matches.Evidence.CountAsync(), await matches.Registers.Select(i => i.Value).ToListAsync());
        });
        remaining.Item1.ShouldBe(0);
        remaining.Item2.ShouldBe([$"pool.{marker}.3322.org"]);
        if (App.Database is not PostgresTestDatabase)
        {
            // SQLite's index of distinct values forgets those no row holds any more (the triggers), so it does not grow.
            var indexed = await App.InDbAsync(db => db.Database.SqlQueryRaw<string>(
                "SELECT value AS \"Value\" FROM indicator_search_values WHERE value LIKE {0}", $"%{marker}%").ToListAsync());
            indexed.ShouldBe([$"pool.{marker}.3322.org"]);
        }
    }

    [SkippableFact]
    public async Task IndicatorSearch_ForATermInTooManyRows_ReadsTheFirstOnes_AndSaysTheListIsCut()
    {
        // One capture names two hosts in 1,001 packets: a term in all of them is cut, a term in half is not.
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Broad"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Scan", null, Severity.Low, TrafficLightProtocol.Green));
        await App.InDbAsync(async db =>
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
            var item = EvidenceItem.Register(incident, "scan.pcap", EvidenceKind.Pcap, 1, new string('a', 64), new string('b', 40), new string('c', 32), "a", "b", DateTimeOffset.UtcNow);
            db.Evidence.Add(item);
            await db.SaveChangesAsync();
            db.EvidenceIndicators.AddRange(Enumerable.Range(0, SearchCasesQueryHandler.MaxIndicatorRows + 1)
                .Select(n => new EvidenceIndicator(item.Id, 1, IndicatorType.Domain, $"h{n % 2}.{marker}.example", $"packet {n}", IndicatorRelevance.Context)));
            return await db.SaveChangesAsync();
        });

        var broad = await App.SendAsync(new SearchCasesQuery($"{marker}.example"));
        broad.Truncated.ShouldBeTrue();
        broad.Cases.ShouldHaveSingleItem().Matches.ShouldBe(
            [new SearchMatchDto(SearchField.Indicator, $"h0.{marker}.example"), new SearchMatchDto(SearchField.Indicator, $"h1.{marker}.example")], ignoreOrder: true);
        var narrow = await App.SendAsync(new SearchCasesQuery($"h1.{marker}.example"));   // in half the rows: within the limit
        narrow.Truncated.ShouldBeFalse();
        narrow.Cases.ShouldHaveSingleItem().Matches.ShouldBe([new SearchMatchDto(SearchField.Indicator, $"h1.{marker}.example")]);
    }

    [SkippableFact]
    public async Task SearchIndexCompaction_MergesSQLiteSegmentsIntoOne_AndTheSearchStillAnswers()
    {
        // Each analysis writes its indicators in its own transaction: SQLite's FTS5 index gains a segment each time.
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Segments"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Many runs", null, Severity.Low, TrafficLightProtocol.Green));
        for (var run = 0; run < 12; run++)
        {
            await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, $"c2-{run}.{marker}.example", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null));
        }

        var sqlite = App.Database is not PostgresTestDatabase;
        if (sqlite)
        {
            (await SegmentsAsync("indicator_search")).ShouldBeGreaterThan(1);
        }

        await App.InScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<CaseManager.Infrastructure.BackgroundJobs.MaintenanceJob<CompactSearchIndexesCommand, int>>(sp)
                .RunAsync("Compact the search indexes", CancellationToken.None);
            return 0;
        });

        if (sqlite)
        {
            (await SegmentsAsync("indicator_search")).ShouldBe(1);
            (await SegmentsAsync("case_search")).ShouldBe(1);
        }

        // Nothing is left to merge (PostgreSQL has nothing to do at all), and every value is still found.
        (await App.InScopeAsync(sp => sp.GetRequiredService<IApplicationDbContext>().CompactSearchIndexesAsync(CancellationToken.None))).ShouldBe(0);
        (await App.SendAsync(new SearchCasesQuery($"{marker}.example"))).Cases.ShouldHaveSingleItem().Matches.Count.ShouldBe(SearchCasesQueryHandler.MaxMatchesPerCase);
        (await BoxAsync($"c2-11.{marker}")).ShouldBe([(caseId, SearchField.Indicator)]);

        Task<int> SegmentsAsync(string table) => App.InDbAsync(db => db.Database.SqlQueryRaw<int>(table == "case_search"
            ? "SELECT count(DISTINCT segid) AS \"Value\" FROM case_search_idx"
            : "SELECT count(DISTINCT segid) AS \"Value\" FROM indicator_search_idx").SingleAsync());
    }

    private static Dictionary<string, int> Types(CaseDashboardDto dashboard) =>
        dashboard.Breakdowns.Single(b => b.Dimension == CaseBreakdown.Type).Counts.ToDictionary(c => c.Key, c => c.Count);

    private async Task<IReadOnlyList<Guid>> ListAsync(string term) =>
        (await App.SendAsync(new ListCasesQuery(Search: term, PageSize: 100))).Items.Select(c => c.Id).ToList();

    private async Task<IReadOnlyList<Guid>> ListAsync(Guid clientId, IncidentType? type, bool unclassifiedOnly = false) =>
        (await App.SendAsync(new ListCasesQuery(ClientId: clientId, Type: type, Unclassified: unclassifiedOnly, PageSize: 100))).Items.Select(c => c.Id).ToList();

    private async Task<IReadOnlyList<(Guid, SearchField)>> BoxAsync(string term) =>
        (await App.SendAsync(new SearchCasesQuery(term))).Cases.SelectMany(c => c.Matches.Select(m => (c.Id, m.Field))).ToList();
}

public sealed class CaseSearchOnSqliteTests(SqliteApp app) : CaseSearchTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CaseSearchOnPostgresTests(PostgresApp app) : CaseSearchTests<PostgresApp>(app), IClassFixture<PostgresApp>;
