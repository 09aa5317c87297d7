using System.Globalization;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using CaseManager.Application.Yara;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Triage;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>
/// <see cref="IYaraEngine"/> over the <c>yara</c> program (ADR-005): each rule set is a file in a namespace of its own
/// (<c>rs0</c>, <c>rs1</c> …); a dump, core or sample is scanned in place (the program maps the stored file: exact
/// offsets, <c>filesize</c> and whole-file conditions, and no copy in this process); a triage bundle's members are
/// written to a private temporary directory and scanned there. The engine's timeout (<c>-a</c>) applies per file and
/// is reported as a warning; matched strings are capped per rule and counted.
/// </summary>
public sealed partial class YaraEngine(YaraOptions options) : IYaraEngine
{
    private static readonly HashSet<EvidenceKind> Scanned =
    [
        EvidenceKind.ElfCore, EvidenceKind.Minidump, EvidenceKind.RawMemory, EvidenceKind.ElfExecutable, EvidenceKind.PeExecutable,
        EvidenceKind.TriageBundle,
    ];

    private readonly YaraProgram _program = new(options);

    public bool Available => _program.Available;

    public bool Scans(EvidenceKind kind) => Scanned.Contains(kind);

    public async Task<YaraCompilation> CompileAsync(IReadOnlyList<YaraRuleSource> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            if (YaraRuleText.NotText(source.Source) is { } notText)
            {
                return new YaraCompilation([new YaraDiagnostic(source.Name, null, notText)], []);
            }
        }

        if (!_program.Available)
        {
            return new YaraCompilation([new YaraDiagnostic(string.Empty, null, $"the yara program is not installed ({_program.Path})")], []);
        }

        using var rules = await RuleFiles.WriteAsync(sources, cancellationToken);
        List<YaraDiagnostic> errors = [];
        List<YaraDiagnostic> warnings = [];
        var run = await _program.RunAsync([.. rules.Arguments, "/dev/null"], _ => { }, TimeSpan.FromSeconds(options.CompileTimeoutSeconds), cancellationToken);
        foreach (var line in run.Errors)
        {
            if (YaraOutput.Diagnostic(line, rules.Names, out var isError) is { } diagnostic)
            {
                (isError ? errors : warnings).Add(diagnostic);
            }
        }

        if (run.Killed)
        {
            errors.Add(new YaraDiagnostic(string.Empty, null, $"compiling took longer than {options.CompileTimeoutSeconds} s (a huge regular expression?)"));
        }
        else if (run.ExitCode != 0 && errors.Count == 0)
        {
            errors.Add(new YaraDiagnostic(string.Empty, null, string.Join(" ", run.Errors.Take(3)) is { Length: > 0 } text ? text : $"yara exited with {run.ExitCode}"));
        }

        return new YaraCompilation(errors, warnings);
    }

    public async Task<YaraEvidenceScan> ScanEvidenceAsync(IReadOnlyList<YaraRuleSource> sources, Stream content, EvidenceKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(content);
        if (sources.Count == 0 || !Scans(kind))
        {
            return new YaraEvidenceScan([], []);
        }

        if (!_program.Available)
        {
            return new YaraEvidenceScan([], [AnalysisWarning.Of(YaraCodes.WarnUnavailable, FindingArgument.Of("program", ArgumentType.Path, _program.Path))]);
        }

        if (kind == EvidenceKind.TriageBundle)
        {
            return await ScanBundleAsync(sources, content, cancellationToken);
        }

        if (content is FileStream { Name: { } path } && File.Exists(path))
        {
            return await ScanAsync(sources, path, null, cancellationToken);
        }

        // Not a file (a test stream): spool it to a private temporary file first.
        var spool = Path.Combine(Path.GetTempPath(), "casemgr-yara-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            return await ScanAsync(sources, spool, null, cancellationToken);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    /// <summary>Scans one file or a directory (recursively); matches' file names are made relative to <paramref name="root"/>.</summary>
    internal async Task<YaraEvidenceScan> ScanAsync(IReadOnlyList<YaraRuleSource> sources, string target, string? root, CancellationToken cancellationToken)
    {
        var (matches, warnings) = await ScanMatchesAsync(sources, target, root is not null, cancellationToken);
        var findings = matches.Select(m => Finding(m, sources[m.RuleSet], root is null ? null : RelativeName(root, m.File))).ToList();
        return new YaraEvidenceScan(findings, warnings);
    }

    /// <summary>The raw matches of a scan (the CLI prints these).</summary>
    public async Task<(List<YaraRuleMatch> Matches, List<AnalysisWarning> Warnings)> ScanMatchesAsync(
        IReadOnlyList<YaraRuleSource> sources, string target, bool recursive, CancellationToken cancellationToken)
    {
        using var rules = await RuleFiles.WriteAsync(sources, cancellationToken);
        List<YaraRuleMatch> matches = [];
        List<AnalysisWarning> warnings = [];
        YaraRuleMatch? current = null;
        var capped = 0;
        string[] flags = ["-s", "-L", "-m", "-g", "-e", "-w", "-a", options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)];
        var run = await _program.RunAsync(
            [.. flags, .. recursive ? new[] { "-r", "-N" } : [], .. rules.Arguments, target],
            line =>
            {
                if (YaraOutput.StringLine(line) is { } matched && current is not null)
                {
                    current.TotalStrings++;
                    if (current.Strings.Count < options.MaxMatchesPerRule)
                    {
                        current.Strings.Add(matched);
                    }
                    else if (current.TotalStrings == options.MaxMatchesPerRule + 1)
                    {
                        capped++;
                    }
                }
                else if (YaraOutput.RuleLine(line) is { } rule && rule.RuleSet < sources.Count)
                {
                    current = rule;
                    matches.Add(rule);
                }
            },
            TimeSpan.FromSeconds(options.TimeoutSeconds + options.CompileTimeoutSeconds + 60),
            cancellationToken);

        if (capped > 0)
        {
            warnings.Add(AnalysisWarning.Of(
                YaraCodes.WarnMatchesCapped,
                FindingArgument.Of("rules", ArgumentType.Count, capped),
                FindingArgument.Of("kept", ArgumentType.Count, options.MaxMatchesPerRule)));
        }

        var compileErrors = run.Errors.Select(e => YaraOutput.Diagnostic(e, rules.Names, out var isError) is { } d && isError ? d : null).OfType<YaraDiagnostic>().ToList();
        if (compileErrors.Count > 0)
        {
            warnings.Add(AnalysisWarning.Of(YaraCodes.WarnRulesBroken, FindingArgument.Of("error", ArgumentType.Text, Describe(compileErrors[0]))));
        }
        else if (run.Errors.Any(e => e.EndsWith("timed out", StringComparison.Ordinal)) || run.Killed)
        {
            warnings.Add(AnalysisWarning.Of(YaraCodes.WarnTimeout, FindingArgument.Of("seconds", ArgumentType.Count, options.TimeoutSeconds)));
        }
        else if (run.ExitCode != 0)
        {
            warnings.Add(AnalysisWarning.Of(YaraCodes.WarnFailed, FindingArgument.Of("error", ArgumentType.Text, string.Join(" ", run.Errors.Take(2)) is { Length: > 0 } e ? e : $"exit {run.ExitCode}")));
        }

        return (matches, warnings);
    }

    private async Task<YaraEvidenceScan> ScanBundleAsync(IReadOnlyList<YaraRuleSource> sources, Stream content, CancellationToken cancellationToken)
    {
        List<AnalysisWarning> bundleWarnings = [];
        var reader = new TriageBundleReader(bundleWarnings);
        try
        {
            await reader.ReadAsync(content, cancellationToken);
        }
        catch (UnsupportedEvidenceException)
        {
            return new YaraEvidenceScan([], []);
        }

        var directory = Directory.CreateTempSubdirectory("casemgr-yara-");
        try
        {
            var skipped = 0;
            foreach (var (name, member) in reader.Members)
            {
                // Names are normalised and relative (the reader refuses traversal); keep them inside the directory anyway.
                var path = Path.GetFullPath(Path.Combine(directory.FullName, name));
                if (!path.StartsWith(directory.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    skipped++;
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, member.Data, cancellationToken);
            }

            var scan = await ScanAsync(sources, directory.FullName, directory.FullName, cancellationToken);
            if (skipped > 0)
            {
                return scan with { Warnings = [.. scan.Warnings, AnalysisWarning.Of(YaraCodes.WarnMembersSkipped, FindingArgument.Of("count", ArgumentType.Count, skipped))] };
            }

            return scan;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string RelativeName(string root, string file) =>
        file.StartsWith(root, StringComparison.Ordinal) ? file[root.Length..].TrimStart('/') : Path.GetFileName(file);

    private static AnalysisFinding Finding(YaraRuleMatch match, YaraRuleSource set, string? member)
    {
        var severity = (match.MetaValue("severity") ?? match.MetaValue("threat_level"))?.Trim().ToLowerInvariant() switch
        {
            "info" or "informational" => FindingSeverity.Info,
            "low" => FindingSeverity.Low,
            "medium" or "moderate" => FindingSeverity.Medium,
            "critical" => FindingSeverity.Critical,
            _ => FindingSeverity.High,
        };
        var attack = match.MetaValue("mitre_attack") ?? match.MetaValue("attack");
        var first = match.Strings.Count > 0 ? match.Strings[0] : null;
        var offsets = match.Strings.Select(s => s.Offset.ToString(CultureInfo.InvariantCulture)).ToList();
        List<FindingArgument> arguments =
        [
            FindingArgument.Of("rule", ArgumentType.Text, match.Rule),
            FindingArgument.Of("ruleset", ArgumentType.Text, $"{set.Name} v{set.Version}"),
            FindingArgument.List("tags", ArgumentType.Text, match.Tags.Count > 0 ? match.Tags : ["-"]),
            FindingArgument.List("meta", ArgumentType.Text, match.Meta.Count > 0 ? match.Meta.Select(m => $"{m.Key}={m.Value}") : ["-"]),
            new FindingArgument("offsets", ArgumentType.Offset, offsets.Take(FindingArgument.MaxValues).ToList(), Math.Max(match.TotalStrings, offsets.Count)),
            FindingArgument.Of("matches", ArgumentType.Count, match.TotalStrings),
            FindingArgument.Of("excerpt", ArgumentType.Text, first is null ? "-" : Excerpt(first)),
            FindingArgument.Of("file", ArgumentType.Path, member ?? "-"),
        ];
        EvidenceReference? reference = member is null && first is not null ? new EvidenceReference(Offset: first.Offset, Length: first.Length) : null;
        return new AnalysisFinding(YaraCodes.Match, severity, arguments, reference, attack is not null && AttackId().IsMatch(attack) ? attack : null);
    }

    private static string Excerpt(YaraStringMatch match)
    {
        const int max = 80;
        var data = match.Data.Length > max ? match.Data[..max] + "…" : match.Data;
        return $"{match.Identifier} @ 0x{match.Offset:x}: {data}";
    }

    private static string Describe(YaraDiagnostic error) => error.Line is { } line ? $"{error.RuleSet}, line {line}: {error.Message}" : error.Message;

    [GeneratedRegex(@"^T\d{4}(\.\d{3})?$")]
    private static partial Regex AttackId();

    /// <summary>The rule sets written to a private temporary directory, one file each, with the arguments that load them.</summary>
    private sealed class RuleFiles : IDisposable
    {
        private readonly DirectoryInfo _directory;

        private RuleFiles(DirectoryInfo directory) => _directory = directory;

        public List<string> Arguments { get; } = [];

        public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

        public static async Task<RuleFiles> WriteAsync(IReadOnlyList<YaraRuleSource> sources, CancellationToken cancellationToken)
        {
            var files = new RuleFiles(Directory.CreateTempSubdirectory("casemgr-rules-"));
            for (var i = 0; i < sources.Count; i++)
            {
                var path = Path.Combine(files._directory.FullName, $"{i}.yar");
                await File.WriteAllTextAsync(path, sources[i].Source, cancellationToken);
                files.Arguments.Add($"{YaraOutput.NamespacePrefix}{i}:{path}");
                files.Names[path] = sources[i].Name;
            }

            return files;
        }

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
