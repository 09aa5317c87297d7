namespace CaseManager.Application.Analysis.Memory;

/// <summary>Which string encodings to extract; flags, so <see cref="Both"/> is one pass.</summary>
[Flags]
public enum StringEncoding
{
    None = 0,
    Ascii = 1,
    Utf16Le = 2,
    Both = Ascii | Utf16Le,
}
