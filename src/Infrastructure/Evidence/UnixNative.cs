using System.Runtime.InteropServices;

namespace CaseManager.Infrastructure.Evidence;

/// <summary>The one POSIX call .NET does not expose: link(2), to publish a file under a name only if that name is free.</summary>
internal static class UnixNative
{
    /// <summary>errno "file exists" (17 on Linux and macOS).</summary>
    public const int EEXIST = 17;

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int Link(string oldPath, string newPath);
}
