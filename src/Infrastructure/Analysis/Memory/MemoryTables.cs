using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// The memory analyser's result tables (agreed names: the store and the pages rely on them) and its summary
/// document. Addresses are written as 64-bit integers (the bit pattern of the unsigned address) in Address columns,
/// so the pages render them as hex.
/// </summary>
internal static class MemoryTables
{
    public static readonly ResultTableSchema MappedFiles = new(MemoryCodes.MappedFilesTable,
    [
        new ResultColumn("start", ColumnType.Address),
        new ResultColumn("end", ColumnType.Address),
        new ResultColumn("file_offset", ColumnType.Address),
        new ResultColumn("path", ColumnType.Text),
    ]);

    public static readonly ResultTableSchema Modules = new(MemoryCodes.ModulesTable,
    [
        new ResultColumn("base", ColumnType.Address),
        new ResultColumn("size", ColumnType.Bytes),
        new ResultColumn("path", ColumnType.Text),
        new ResultColumn("timestamp", ColumnType.Time),
    ]);

    public static readonly ResultTableSchema Threads = new(MemoryCodes.ThreadsTable,
    [
        new ResultColumn("tid", ColumnType.Integer),
        new ResultColumn("state", ColumnType.Text),
        new ResultColumn("pc", ColumnType.Address),
        new ResultColumn("stack_start", ColumnType.Address),
        new ResultColumn("stack_size", ColumnType.Bytes),
    ]);

    /// <summary>
    /// Checkpoints of the default strings listing (N = 8, ASCII and UTF-16LE, in the order the scanner emits them):
    /// a scan started at <c>offset</c> with the counter at <c>ordinal</c> reproduces the listing from there.
    /// </summary>
    public static readonly ResultTableSchema StringsIndex = new(MemoryCodes.StringsIndexTable,
    [
        new ResultColumn("ordinal", ColumnType.Integer, Searchable: false),
        new ResultColumn("offset", ColumnType.Address, Searchable: false),
    ]);

    public static IReadOnlyList<ResultTableSchema> All { get; } = [MappedFiles, Modules, Threads, StringsIndex];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteStructure(IResultSink sink, Structure structure)
    {
        var mapped = sink.Table(MappedFiles);
        foreach (var file in structure.MappedFiles)
        {
            mapped.Add(Address(file.Start), Address(file.End), Address(file.FileOffset), file.Path);
        }

        var modules = sink.Table(Modules);
        foreach (var module in structure.Modules)
        {
            modules.Add(Address(module.BaseAddress), Address(module.Size), module.Path, module.Timestamp is { } t ? (t - DateTimeOffset.UnixEpoch).Ticks * 100 : null);
        }

        var threads = sink.Table(Threads);
        foreach (var thread in structure.Threads)
        {
            threads.Add(thread.ThreadId, thread.State, Address(thread.Pc), Address(thread.StackStart), Address(thread.StackSize));
        }
    }

    /// <summary>The run's summary: the result without its lists (those are tables or findings).</summary>
    public static string Summary(MemoryAnalysisResult result) => JsonSerializer.Serialize(
        new
        {
            result.Kind,
            result.FileName,
            result.Size,
            result.Strings,
            result.Process,
            result.Sample,
            MappedFiles = result.MappedFiles.Count,
            Modules = result.Modules.Count,
            Threads = result.Threads.Count,
            Findings = result.Findings.Count,
            Indicators = result.Indicators.Count,
            Warnings = result.Warnings.Count,
            StringsIndexInterval = MemoryAnalyzer.StringsIndexInterval,
        },
        Json);

    private static long Address(ulong value) => unchecked((long)value);

    private static long? Address(ulong? value) => value is { } v ? unchecked((long)v) : null;
}
