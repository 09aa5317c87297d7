namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>Settings of the YARA scan (configuration section <c>Yara</c>).</summary>
public sealed class YaraOptions
{
    public const string Section = "Yara";

    /// <summary>The <c>yara</c> program (Debian package <c>yara</c>); a bare name is looked up on PATH.</summary>
    public string Program { get; set; } = "yara";

    /// <summary>The engine's own timeout per scanned file (<c>yara -a</c>); reaching it is reported as a warning.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Matched strings kept per rule and file (all are counted).</summary>
    public int MaxMatchesPerRule { get; set; } = 100;

    /// <summary>Compiling rules that take longer than this is abandoned (huge regular expressions).</summary>
    public int CompileTimeoutSeconds { get; set; } = 30;
}
