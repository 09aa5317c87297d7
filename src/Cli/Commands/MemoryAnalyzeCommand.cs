using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Cli.Commands;

/// <summary>
/// Memory, core, minidump and sample analysis: <c>casemgr analyze FILE [--json]</c> for everything that is not a
/// capture. Exit 0 on success (also with warnings), 2 when the file cannot be read. A memory dump is never
/// "unreadable" as a format: unknown content is analysed as raw memory.
/// </summary>
internal static class MemoryAnalyzeCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<int> RunAsync(string file, bool json, TextWriter stdout, TextWriter stderr)
    {
        MemoryAnalysisResult result;
        try
        {
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            result = await new MemoryAnalyzer().AnalyzeAsync(input, file, null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return 0;
        }

        await stdout.WriteLineAsync($"{result.FileName}: {result.Kind}, {result.Size} bytes, strings: {result.Strings.Ascii} ascii, {result.Strings.Utf16le} utf16le");
        if (result.Process is { } p)
        {
            await stdout.WriteLineAsync($"process: {p.Name} pid {p.Pid} ppid {p.Ppid} uid {p.Uid} args \"{p.Args}\" binary {p.ExecutablePath}");
        }

        if (result.Sample is { } s)
        {
            await stdout.WriteLineAsync($"sample: {s.Type}, sha256 {s.Sha256}, entropy {s.Entropy}");
        }

        foreach (var module in result.Modules)
        {
            await stdout.WriteLineAsync($"module: 0x{module.BaseAddress:x} {module.Size} {module.Path}");
        }

        foreach (var finding in result.Findings)
        {
            await stdout.WriteLineAsync($"[{finding.Severity}] {finding.Title}: {finding.Detail}");
        }

        foreach (var indicator in result.Indicators)
        {
            await stdout.WriteLineAsync($"{indicator.Type}\t{indicator.Value}\t{indicator.Context}");
        }

        foreach (var warning in result.Warnings)
        {
            await stderr.WriteLineAsync($"warning: {warning}");
        }

        return 0;
    }
}
