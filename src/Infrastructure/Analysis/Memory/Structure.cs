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

    /// <summary>Context worth showing that is not a field of the result (e.g. the minidump's Windows version).</summary>
    public List<string> Notes { get; } = [];
}
