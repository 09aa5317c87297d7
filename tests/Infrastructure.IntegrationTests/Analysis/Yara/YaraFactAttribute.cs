namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Yara;

/// <summary>A fact skipped, with the reason, only when the yara program is not installed (Debian package <c>yara</c>).</summary>
public sealed class YaraFactAttribute : FactAttribute
{
    public YaraFactAttribute(bool needsDumpTools = false)
    {
        if (!File.Exists("/usr/bin/yara") && !File.Exists("/usr/local/bin/yara"))
        {
            Skip = "needs the yara program (apt-get install yara)";
        }
        else if (needsDumpTools && Memory.DumpTools.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
