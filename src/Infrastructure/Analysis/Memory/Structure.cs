using System.Reflection.PortableExecutable;
using CaseManager.Application.Analysis.Memory;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>What the format readers found before the strings pass.</summary>
internal sealed class Structure
{
    public ElfImage? Elf { get; set; }

    public PeInfo? Pe { get; set; }

    public IReadOnlyList<SectionHeader> PeSections { get; set; } = [];

    public ProcessInfo? Process { get; set; }

    public List<MappedFile> MappedFiles { get; } = [];

    public List<ModuleInfo> Modules { get; } = [];

    public List<ThreadInfo> Threads { get; } = [];

    /// <summary>The minidump's system, when it was written and when the process started (null for other kinds).</summary>
    public (string System, DateTimeOffset? Written, DateTimeOffset? Started)? DumpContext { get; set; }
}
