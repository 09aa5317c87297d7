using System.Buffers.Binary;
using System.Reflection.PortableExecutable;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// The memory analyser: sniffs the format (ELF core, minidump, ELF or PE sample, else raw memory),
/// reads the structure with bounded random access, then makes ONE streaming pass over the whole file
/// that extracts ASCII and UTF-16LE strings (GNU semantics, N = 8), turns them into indicators, and
/// hashes and measures samples. Non-seekable input is spooled to a temporary file first. Damaged
/// structures produce warnings and a partial result, never an exception.
/// </summary>
public sealed class MemoryAnalyzer : IMemoryAnalyzer
{
    public const int MinStringLength = 8;

    /// <summary>About how many strings of the default listing lie between two <c>strings_index</c> checkpoints.</summary>
    public const int StringsIndexInterval = 4096;
    private const int MaxSectionBytes = 64 << 20;
    private readonly int _bufferSize;

    public MemoryAnalyzer()
        : this(StringScanner.DefaultBufferSize)
    {
    }

    internal MemoryAnalyzer(int bufferSize) => _bufferSize = bufferSize;

    public Task<MemoryAnalysisResult> AnalyzeAsync(Stream input, string? fileName, IProgress<double>? progress, CancellationToken ct) =>
        AnalyzeAsync(input, fileName, progress, NullResultSink.Instance, ct);

    /// <summary>Analyses the input and streams the result tables (<see cref="MemoryTables"/>) and the summary into <paramref name="sink"/>.</summary>
    public async Task<MemoryAnalysisResult> AnalyzeAsync(Stream input, string? fileName, IProgress<double>? progress, IResultSink sink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        if (input.CanSeek)
        {
            return await AnalyzeSeekableAsync(input, fileName, progress, sink, ct).ConfigureAwait(false);
        }

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await using (spool.ConfigureAwait(false))
        {
            await input.CopyToAsync(spool, ct).ConfigureAwait(false);
            spool.Position = 0;
            return await AnalyzeSeekableAsync(spool, fileName, progress, sink, ct).ConfigureAwait(false);
        }
    }

    private async Task<MemoryAnalysisResult> AnalyzeSeekableAsync(Stream stream, string? fileName, IProgress<double>? progress, IResultSink sink, CancellationToken ct)
    {
        var warnings = new MemoryWarnings();
        var findings = new List<AnalysisFinding>();
        var reader = new RandomAccessReader(stream);
        var header = reader.Read(0, 64);
        var kind = Sniff(stream, header, warnings, out var peHeaders);
        if (header.Length == 0)
        {
            warnings.Add(MemoryCodes.WarnEmpty);
        }

        if (fileName is not null && kind != "minidump" && (fileName.EndsWith(".dmp", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".mdmp", StringComparison.OrdinalIgnoreCase)))
        {
            warnings.Add(MemoryCodes.WarnNamedLikeMinidump, MemoryWarnings.Text("name", Path.GetFileName(fileName)), MemoryWarnings.Text("kind", kind));
        }

        var structure = new Structure();
        try
        {
            ReadStructure(kind, reader, peHeaders, structure, warnings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.Add(MemoryCodes.WarnStructureUnreadable, MemoryWarnings.Text("kind", kind), MemoryWarnings.Text("error", ex.Message));
        }

        var isSample = kind is "elf" or "pe";
        var collector = new IndicatorCollector(structure.Elf is { Type: ElfImage.CoreType } core ? VirtualAddressMap(core) : null);
        using var observer = new ChunkObserver(isSample);
        MemoryTables.WriteStructure(sink, structure);
        var scanner = new StringScanner(MinStringLength, StringEncoding.Both, collector, _bufferSize);
        var index = sink.Table(MemoryTables.StringsIndex);
        scanner.OnCheckpoint(StringsIndexInterval, (ordinal, offset) => index.Add(ordinal, offset));
        stream.Position = 0;
        await scanner.ScanAsync(stream, progress, stream.Length, ct, observer.Observe).ConfigureAwait(false);

        SampleInfo? sample = null;
        if (isSample)
        {
            try
            {
                sample = Sample(kind, reader, structure, observer, warnings);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                warnings.Add(MemoryCodes.WarnSampleUnreadable, MemoryWarnings.Text("error", ex.Message));
            }
        }

        var indicators = new List<AnalysisIndicator>();
        ProcessIndicators(structure.Process, indicators);
        if (sample is not null)
        {
            indicators.Add(new AnalysisIndicator(IndicatorType.Hash, sample.Sha256, "sha256 of the sample"));
            indicators.Add(new AnalysisIndicator(IndicatorType.Hash, sample.Md5, "md5 of the sample"));
        }

        indicators.AddRange(collector.Indicators);
        if (collector.LimitReached)
        {
            warnings.Add(MemoryCodes.WarnIndicatorLimit, MemoryWarnings.CountOf("count", collector.Indicators.Count));
        }

        if (kind == "elf-core" && structure.Process is { } recorded)
        {
            structure.Process = MemoryFindings.WithDisguise(recorded, structure.MappedFiles, collector);
        }

        MemoryFindings.Structural(kind, structure, sample, findings);
        MemoryFindings.FromStrings(kind, collector, observer, findings);
        var result = new MemoryAnalysisResult(
            kind,
            fileName is null ? null : Path.GetFileName(fileName),
            reader.Length,
            new StringCounts(scanner.AsciiCount, scanner.Utf16Count),
            structure.Process,
            structure.MappedFiles,
            structure.Modules,
            structure.Threads,
            sample,
            findings,
            indicators,
            warnings);
        sink.Summary(MemoryTables.Summary(result));
        return result;
    }

    private static string Sniff(Stream stream, byte[] header, MemoryWarnings warnings, out PEHeaders? peHeaders)
    {
        peHeaders = null;
        if (header.Length >= 4 && header.AsSpan(0, 4).SequenceEqual("\u007fELF"u8))
        {
            if (!ElfImage.HasMagic(header))
            {
                warnings.Add(MemoryCodes.WarnElfBadMagic);
                return "raw-memory";
            }

            var type = header[5] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(16)) : BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
            return type == ElfImage.CoreType ? "elf-core" : "elf";
        }

        if (header.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(header) == MinidumpReader.Signature)
        {
            return "minidump";
        }

        if (header.Length >= 2 && header[0] == 'M' && header[1] == 'Z')
        {
            if (PeSampleReader.TryReadHeaders(stream, out peHeaders))
            {
                return "pe";
            }

            warnings.Add(MemoryCodes.WarnMzWithoutPe);
        }

        return "raw-memory";
    }

    private static void ReadStructure(string kind, RandomAccessReader reader, PEHeaders? peHeaders, Structure structure, MemoryWarnings warnings)
    {
        switch (kind)
        {
            case "elf-core" or "elf":
                structure.Elf = ElfImage.Parse(reader, warnings);
                if (structure.Elf is not null && kind == "elf-core")
                {
                    var core = new ElfCoreReader(reader, structure.Elf, warnings);
                    core.Read();
                    structure.Process = core.Process;
                    structure.MappedFiles.AddRange(core.MappedFiles);
                    structure.Threads.AddRange(core.Threads);
                }

                break;
            case "minidump":
                var dump = new MinidumpReader(reader, warnings);
                dump.Read();
                structure.Modules.AddRange(dump.Modules);
                structure.Threads.AddRange(dump.Threads);
                if (dump.System is not null)
                {
                    structure.DumpContext = (dump.System, dump.Timestamp, dump.ProcessCreated);
                }

                var main = dump.Modules.FirstOrDefault();
                if (main is not null || dump.ProcessId is not null)
                {
                    var name = main?.Path[(main.Path.LastIndexOfAny(['\\', '/']) + 1)..];
                    structure.Process = new ProcessInfo(name, dump.ProcessId, null, null, null, main?.Path);
                }
                else
                {
                    warnings.Add(MemoryCodes.WarnMinidumpNoProcess);
                }

                break;
            case "pe":
                var pe = new PeSampleReader(reader, warnings);
                structure.Pe = pe.Read(peHeaders!);
                structure.PeSections = pe.SectionHeaders;
                break;
        }
    }

    private static SampleInfo Sample(string kind, RandomAccessReader reader, Structure structure, ChunkObserver observer, MemoryWarnings warnings)
    {
        var (md5, sha1, sha256) = observer.Hashes();
        var sections = new List<SectionInfo>();
        ElfInfo? elfInfo = null;
        IEnumerable<(string Name, long Offset, long Size, ulong Address)> regions = [];
        if (structure.Elf is not null)
        {
            var elfReader = new ElfSampleReader(reader, structure.Elf, warnings);
            elfInfo = elfReader.Read(observer.UpxMarker);
            regions = elfReader.Regions();
        }
        else if (structure.PeSections.Count > 0)
        {
            regions = structure.PeSections.Select(s => (s.Name, (long)s.PointerToRawData, (long)s.SizeOfRawData, (ulong)s.VirtualAddress));
        }

        foreach (var (name, offset, size, address) in regions)
        {
            if (offset >= reader.Length || size <= 0)
            {
                continue;
            }

            var data = reader.Read(offset, (int)Math.Min(size, MaxSectionBytes));
            if (data.Length < size && offset + size > reader.Length)
            {
                warnings.Add(MemoryCodes.WarnSectionBeyondEnd, MemoryWarnings.Text("section", name));
            }

            sections.Add(new SectionInfo(name, offset, size, address, ChunkObserver.ShannonEntropy(data)));
        }

        var type = kind == "pe"
            ? $"PE{(structure.Pe?.Is64Bit == true ? "32+" : "32")} {(structure.Pe?.IsDll == true ? "DLL" : "executable")}{(structure.Pe?.IsDotNet == true ? " (.NET)" : string.Empty)}"
            : $"{elfInfo?.Class ?? "ELF"} {elfInfo?.Type ?? "unknown"}";
        return new SampleInfo(md5, sha1, sha256, type, reader.Length, observer.Entropy(), sections, elfInfo, structure.Pe);
    }

    private static void ProcessIndicators(ProcessInfo? process, List<AnalysisIndicator> indicators)
    {
        if (process?.Name is { Length: > 0 } name)
        {
            indicators.Add(new AnalysisIndicator(IndicatorType.Process, name, process.Pid is { } pid ? $"pid {pid}" : "dumped process"));
        }

        if (process?.ExecutablePath is { Length: > 0 } path)
        {
            indicators.Add(new AnalysisIndicator(IndicatorType.FilePath, path, "binary of the dumped process"));
        }
    }

    /// <summary>File offset → virtual address through the PT_LOAD segments of a core (binary search).</summary>
    private static Func<long, ulong?> VirtualAddressMap(ElfImage core)
    {
        var loads = core.Segments.Where(s => s.Type == ElfImage.PtLoad && s.FileSize > 0).OrderBy(s => s.Offset).ToArray();
        return offset =>
        {
            int lo = 0, hi = loads.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                var s = loads[mid];
                if ((ulong)offset < s.Offset)
                {
                    hi = mid - 1;
                }
                else if ((ulong)offset >= s.Offset + s.FileSize)
                {
                    lo = mid + 1;
                }
                else
                {
                    return s.VirtualAddress + ((ulong)offset - s.Offset);
                }
            }

            return null;
        };
    }
}
