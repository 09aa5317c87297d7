using System.Globalization;
using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Yara;
using CaseManager.Infrastructure.Analysis.Yara;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr yara RULES FILE... [--json]</c>: scans each file with the rules through the same engine the analysis job
/// uses and prints each match with its rule name, meta, tags and matched offsets. Exit codes: 0 scanned (with or
/// without matches), 1 usage, 2 the rule file does not compile (the compiler's message and line on stderr) or a file
/// cannot be read.
/// </summary>
internal static class YaraCommand
{
    private const string Usage = "usage: casemgr yara <rules.yar> <file>... [--json]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json");
        var positional = args.Where(a => a != "--json").ToList();
        if (positional.Count < 2 || positional.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            await stderr.WriteLineAsync(Usage);
            return 1;
        }

        var rulesPath = positional[0];
        string source;
        try
        {
            source = await File.ReadAllTextAsync(rulesPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {rulesPath}: {ex.Message}");
            return 2;
        }

        var engine = new YaraEngine(new YaraOptions());
        if (!engine.Available)
        {
            await stderr.WriteLineAsync("casemgr: the yara program is not installed (Debian: apt-get install yara)");
            return 2;
        }

        YaraRuleSource[] sources = [new(Path.GetFileName(rulesPath), source)];
        var compiled = await engine.CompileAsync(sources, CancellationToken.None);
        if (!compiled.Succeeded)
        {
            foreach (var error in compiled.Errors)
            {
                await stderr.WriteLineAsync(error.Line is { } line ? $"{rulesPath}({line}): error: {error.Message}" : $"{rulesPath}: error: {error.Message}");
            }

            return 2;
        }

        var exit = 0;
        List<object> results = [];
        foreach (var file in positional.Skip(1))
        {
            if (!File.Exists(file))
            {
                await stderr.WriteLineAsync($"casemgr: {file}: no such file");
                exit = 2;
                continue;
            }

            var (matches, warnings) = await engine.ScanMatchesAsync(sources, file, recursive: false, CancellationToken.None);
            if (json)
            {
                results.Add(new
                {
                    file,
                    matches = matches.Select(m => new
                    {
                        rule = m.Rule,
                        tags = m.Tags,
                        meta = m.Meta.ToDictionary(kv => kv.Key, kv => kv.Value),
                        matched = m.TotalStrings,
                        strings = m.Strings.Select(s => new { identifier = s.Identifier, offset = s.Offset, length = s.Length, data = s.Data }),
                    }),
                    warnings = warnings.Select(w => new
                    {
                        code = w.Code,
                        text = FindingText.Warning(w, YaraFindingCatalogue.Instance, CultureInfo.InvariantCulture),
                    }),
                });
                continue;
            }

            foreach (var match in matches)
            {
                var meta = string.Join(", ", match.Meta.Select(m => $"{m.Key}={m.Value}"));
                await stdout.WriteLineAsync($"{file}: {match.Rule} [{string.Join(",", match.Tags)}] [{meta}] ({match.TotalStrings} string match(es))");
                foreach (var s in match.Strings)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  0x{s.Offset:x} {s.Identifier} ({s.Length} bytes): {s.Data}"));
                }

                if (match.TotalStrings > match.Strings.Count)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  … {match.TotalStrings - match.Strings.Count} more"));
                }
            }

            foreach (var warning in warnings)
            {
                await stderr.WriteLineAsync($"casemgr: {file}: warning: {FindingText.Warning(warning, YaraFindingCatalogue.Instance, CultureInfo.InvariantCulture)}");
            }
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { rules = rulesPath, files = results }, new JsonSerializerOptions { WriteIndented = true }));
        }

        return exit;
    }
}
