using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// The memory analyser behind the plug-in point: ELF cores, minidumps, raw memory and ELF/PE samples. Streams the
/// <c>mapped_files</c>, <c>modules</c>, <c>threads</c> and <c>strings_index</c> tables and the summary into the sink;
/// <see cref="AnalysisOutcome.Result"/> is the <see cref="MemoryAnalysisResult"/> (the CLI's JSON, docs/analysis-json.md).
/// </summary>
public sealed class MemoryAnalyser : IEvidenceAnalyser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly MemoryAnalyzer _engine;

    public MemoryAnalyser()
        : this(new MemoryAnalyzer())
    {
    }

    internal MemoryAnalyser(MemoryAnalyzer engine) => _engine = engine;

    public string Name => "memory";

    public string Version { get; } = typeof(MemoryAnalyser).Assembly.GetName().Version?.ToString() ?? "0";

    public IReadOnlyCollection<EvidenceKind> Kinds { get; } =
        [EvidenceKind.ElfCore, EvidenceKind.Minidump, EvidenceKind.RawMemory, EvidenceKind.ElfExecutable, EvidenceKind.PeExecutable];

    public IFindingCatalogue Catalogue => MemoryFindingCatalogue.Instance;

    public async Task<AnalysisOutcome> AnalyseAsync(AnalysisInput input, IResultSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await _engine.AnalyzeAsync(input.Content, input.FileName, input.Progress, sink, cancellationToken).ConfigureAwait(false);
        List<AnalysisEvent> events = [];
        if (result.Sample?.Pe is { } pe)
        {
            events.Add(new AnalysisEvent(TimelineEntryKind.SampleCompiled, (pe.Timestamp - DateTimeOffset.UnixEpoch).Ticks * 100));
        }

        return new AnalysisOutcome(result.Findings, result.Indicators, result.Warnings, events, result);
    }

    /// <summary>The result as documented in docs/analysis-json.md; findings and warnings carry their code, arguments and English text.</summary>
    public async Task WriteJsonAsync(AnalysisOutcome outcome, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = (MemoryAnalysisResult)outcome.Result;
        var root = JsonSerializer.SerializeToNode(result, Json)!.AsObject();
        var english = CultureInfo.InvariantCulture;
        root["findings"] = new JsonArray([.. result.Findings.Select(f => (JsonNode)new JsonObject
        {
            ["code"] = f.Code,
            ["severity"] = JsonNamingPolicy.CamelCase.ConvertName(f.Severity.ToString()),
            ["title"] = MemoryText.Title(f, english),
            ["explanation"] = MemoryText.Explanation(f, english),
            ["arguments"] = JsonSerializer.SerializeToNode(f.Arguments, Json),
            ["reference"] = JsonSerializer.SerializeToNode(f.Reference, Json),
            ["attack"] = f.Attack,
        })]);
        root["warnings"] = new JsonArray([.. result.Warnings.Select(w => (JsonNode)new JsonObject
        {
            ["code"] = w.Code,
            ["message"] = MemoryText.Warning(w, english),
            ["arguments"] = JsonSerializer.SerializeToNode(w.Arguments, Json),
        })]);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        root.WriteTo(writer, Json);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        output.WriteByte((byte)'\n');
    }

    public async Task WriteTextAsync(AnalysisOutcome outcome, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        var result = (MemoryAnalysisResult)outcome.Result;
        var english = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.FileName}: {result.Kind}, {result.Size} bytes, strings: {result.Strings.Ascii} ascii, {result.Strings.Utf16le} utf16le").AppendLine();
        if (result.Process is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $"process: {p.Name} pid {p.Pid} ppid {p.Ppid} uid {p.Uid} args \"{p.Args}\" binary {p.ExecutablePath}").AppendLine();
        }

        if (result.Sample is { } s)
        {
            text.Append(CultureInfo.InvariantCulture, $"sample: {s.Type}, sha256 {s.Sha256}, entropy {s.Entropy}").AppendLine();
        }

        foreach (var module in result.Modules)
        {
            text.Append(CultureInfo.InvariantCulture, $"module: 0x{module.BaseAddress:x} {module.Size} {module.Path}").AppendLine();
        }

        foreach (var finding in result.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{finding.Severity}] {MemoryText.Title(finding, english)}: {MemoryText.Explanation(finding, english)} ({finding.Code})").AppendLine();
        }

        foreach (var indicator in result.Indicators)
        {
            text.Append(CultureInfo.InvariantCulture, $"{indicator.Type}\t{indicator.Value}\t{indicator.Context}").AppendLine();
        }

        foreach (var warning in result.Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"warning: {MemoryText.Warning(warning, english)} ({warning.Code})").AppendLine();
        }

        await output.WriteAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
