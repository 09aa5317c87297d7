using CaseManager.Tests.Shared;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>The external tools the dump tests need (gcc builds the helper, gdb/gcore dump it, GNU strings is the reference).</summary>
internal static class DumpTools
{
    public const string Strings = "/usr/bin/strings";

    public static string? Gcc { get; } = Find("gcc");

    public static string? Gdb { get; } = Find("gdb");

    public static string? Gcore { get; } = Find("gcore");

    public static string? MissingReason { get; } = Missing();

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default) =>
        LiveHelperProcess.RunAsync(file, args, ct);

    /// <summary>GNU strings' output, the reference for every comparison.</summary>
    public static async Task<string> GnuStringsAsync(string file, int minLength, bool utf16)
    {
        string[] args = utf16 ? ["-a", "-n", $"{minLength}", "-e", "l", "-t", "d", file] : ["-a", "-n", $"{minLength}", "-t", "d", file];
        var (code, stdout, stderr) = await RunAsync(Strings, args);
        code.ShouldBe(0, stderr);
        return stdout;
    }

    private static string? Find(string tool) => LiveHelperProcess.FindTool(tool);

    private static string? Missing()
    {
        var missing = new[] { ("gcc", Gcc), ("gdb", Gdb), ("gcore", Gcore), ("strings (binutils)", File.Exists(Strings) ? Strings : null) }
            .Where(t => t.Item2 is null).Select(t => t.Item1).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)} on PATH to build and dump a live helper process";
    }
}
