using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Triage;
using CaseManager.Infrastructure.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>
/// The bundle is untrusted: unsafe members are skipped with coded warnings, limits stop bombs, the manifest is checked,
/// and nothing is written to disk (the analyser reads the archive in memory).
/// </summary>
public sealed class TriageBundleSafetyTests
{
    private static TriageBundleBuilder Minimal() => new TriageBundleBuilder()
        .Tsv("processes.tsv", TriageScenarios.ProcessHeader, "1\t0\t0\t1700000000\t1\tsystemd\t/usr/lib/systemd/systemd\t/\t/sbin/init");

    private static IEnumerable<string> Codes(AnalysisOutcome outcome) => outcome.Warnings.Select(w => w.Code);

    [Fact]
    public async Task TraversalAbsoluteLinksAndDevices_AreSkippedWithWarnings_AndNothingIsWritten()
    {
        var marker = "casemgr-triage-escape-" + Guid.NewGuid().ToString("N")[..8];
        var bundle = Minimal()
            .Raw(new PaxTarEntry(TarEntryType.RegularFile, $"../../../../tmp/{marker}") { DataStream = new MemoryStream("x"u8.ToArray()) })
            .Raw(new PaxTarEntry(TarEntryType.RegularFile, $"/tmp/{marker}-abs") { DataStream = new MemoryStream("x"u8.ToArray()) })
            .Raw(new PaxTarEntry(TarEntryType.SymbolicLink, "files/etc/shadow") { LinkName = "/etc/shadow" })
            .Raw(new PaxTarEntry(TarEntryType.HardLink, "files/etc/gshadow") { LinkName = "/etc/gshadow" })
            .Raw(new PaxTarEntry(TarEntryType.CharacterDevice, "files/dev/mem") { DeviceMajor = 1, DeviceMinor = 1 })
            .Raw(new PaxTarEntry(TarEntryType.Fifo, "files/fifo"))
            .TarGz();

        var (outcome, _) = await TriageTestRun.AnalyseAsync(bundle);

        Codes(outcome).Count(c => c == "triage.archive.unsafe-path").ShouldBe(2);
        Codes(outcome).Count(c => c == "triage.archive.link").ShouldBe(2);
        Codes(outcome).Count(c => c == "triage.archive.special-file").ShouldBe(2);
        outcome.Warnings.First(w => w.Code == "triage.archive.unsafe-path").Value("member").ShouldBe($"../../../../tmp/{marker}");
        outcome.Result().Processes.Count.ShouldBe(1);
        File.Exists(Path.Combine("/tmp", marker)).ShouldBeFalse();
        File.Exists(Path.Combine("/tmp", marker + "-abs")).ShouldBeFalse();
        Directory.GetFiles(Path.GetTempPath(), marker + "*").ShouldBeEmpty();
    }

    [Fact]
    public async Task ZipTraversalAndSymlink_AreSkipped()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("manifest.json").Open().Dispose();
            using (var w = zip.CreateEntry("..\\..\\evil.txt").Open())
            {
                w.Write("x"u8);
            }

            var link = zip.CreateEntry("files/etc/link");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using (var w = link.Open())
            {
                w.Write("/etc/shadow"u8);
            }
        }

        var (outcome, _) = await TriageTestRun.AnalyseAsync(output.ToArray(), "x.zip");
        Codes(outcome).ShouldContain("triage.archive.unsafe-path");
        Codes(outcome).ShouldContain("triage.archive.link");
    }

    [Fact]
    public async Task ArchiveBomb_StopsOnTheExpansionRatio()
    {
        var zeros = new byte[40 << 20];
        var bundle = Minimal().Add("files/var/log/syslog", zeros).TarGz();
        bundle.Length.ShouldBeLessThan(1 << 20);
        var (outcome, _) = await TriageTestRun.AnalyseAsync(bundle);
        var bomb = outcome.Warnings.Single(w => w.Code == "triage.archive.bomb");
        bomb.Value("member").ShouldBe("files/var/log/syslog");
        double.Parse(bomb.Value("ratio")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(TriageBundleReader.MaxRatio);
    }

    [Fact]
    public async Task EnormousMember_IsSkippedWithoutBeingRead()
    {
        // A member whose header claims more than the member limit: skipped before any of it is kept.
        var big = new byte[TriageBundleReader.MaxMemberBytes + 1];
        Random.Shared.NextBytes(big.AsSpan(0, 4096));
        var bundle = Minimal().Add("files/var/log/huge.log", big).TarGz();
        var (outcome, _) = await TriageTestRun.AnalyseAsync(bundle);
        var warning = outcome.Warnings.Single(w => w.Code == "triage.archive.member-too-large");
        warning.Value("member").ShouldBe("files/var/log/huge.log");
        warning.Value("size").ShouldBe((TriageBundleReader.MaxMemberBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        outcome.Result().Processes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task WrongManifestHash_GivesAWarning_AndTheDataIsStillRead()
    {
        var builder = Minimal();
        builder.WrongHashes["processes.tsv"] = new string('0', 64);
        var (outcome, _) = await TriageTestRun.AnalyseAsync(builder.TarGz());
        outcome.Warnings.Single().Code.ShouldBe("triage.manifest.hash-mismatch");
        outcome.Warnings.Single().Value("member").ShouldBe("processes.tsv");
        outcome.Result().Processes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task MissingManifest_AndUnlistedMembers_AreWarned()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "processes.tsv") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(TriageScenarios.ProcessHeader + "\n")) });
        }

        var (outcome, _) = await TriageTestRun.AnalyseAsync(output.ToArray());
        Codes(outcome).ShouldBe(["triage.manifest.missing"]);
    }

    [Fact]
    public async Task GarbageAndTruncatedBundles_GiveWarningsOrUnsupported_NeverCrash()
    {
        await Should.ThrowAsync<UnsupportedEvidenceException>(() => TriageTestRun.AnalyseAsync("just text, not an archive"u8.ToArray()));
        var bundle = TriageScenarios.LinuxCompromised();
        var (outcome, _) = await TriageTestRun.AnalyseAsync(bundle[..(bundle.Length / 2)]);
        Codes(outcome).ShouldContain("triage.archive.damaged");
    }

    [Fact]
    public void KindDetection_RecognisesBundlesByTheirFirstMember()
    {
        var tar = TriageScenarios.LinuxClean();
        var zip = TriageScenarios.WindowsCompromised();
        EvidenceKindDetector.Detect(tar.AsSpan(0, Math.Min(tar.Length, 4096)), "host.tgz").ShouldBe(EvidenceKind.TriageBundle);
        EvidenceKindDetector.Detect(zip.AsSpan(0, Math.Min(zip.Length, 4096)), "upload.zip").ShouldBe(EvidenceKind.TriageBundle);

        using var other = new MemoryStream();
        using (var gzip = new GZipStream(other, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("plain log lines\n"u8);
        }

        EvidenceKindDetector.Detect(other.ToArray(), "logs.gz").ShouldBe(EvidenceKind.Archive);
        EvidenceKindDetector.Detect(other.ToArray(), "triage-host.tar.gz").ShouldBe(EvidenceKind.TriageBundle);
    }

    [Fact]
    public void Catalogue_EveryKeyHasEnglishAndChineseText()
    {
        var catalogue = TriageFindingCatalogue.Instance;
        var english = System.Globalization.CultureInfo.InvariantCulture;
        var chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        var keys = catalogue.Findings.SelectMany(f => new[] { f.Code + ".title", f.Code + ".explanation" })
            .Concat(catalogue.Warnings.Select(w => "warning." + w))
            .Concat(TriageAnalyser.Tables.SelectMany(t => t.Columns.Select(c => $"column.{t.Name}.{c.Name}").Prepend("table." + t.Name)))
            .ToList();
        keys.Count.ShouldBe((19 * 2) + 12 + 7 + 36);
        foreach (var key in keys)
        {
            var en = FindingText.Exact(catalogue.Text, key, english);
            var zh = FindingText.Exact(catalogue.Text, key, chinese);
            en.ShouldNotBeNullOrWhiteSpace($"{key} has no English text");
            zh.ShouldNotBeNullOrWhiteSpace($"{key} has no Chinese text");
            zh.ShouldNotBe(en, $"{key}: the Chinese text is the English one");
            zh.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", $"{key}: the Chinese text is not Chinese");
        }

        foreach (var definition in catalogue.Findings)
        {
            definition.Code.ShouldStartWith("triage.");
            definition.FiresWhen.ShouldNotBeNullOrWhiteSpace();
            definition.Attack.ShouldNotBeNull().ShouldMatch(@"^T\d{4}(\.\d{3})?$");
        }
    }
}
