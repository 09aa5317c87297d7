using System.Diagnostics;
using System.Globalization;

namespace CaseManager.Tests.Shared;

/// <summary>
/// A small C program the memory tests build with gcc and start: once its heap holds what it plants, it prints
/// <c>ready PID [text]</c> and waits for its standard input to close, so gcore and gdb can dump it meanwhile.
/// </summary>
public sealed class LiveHelperProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LiveHelperProcess(string directory, string binaryPath, Process process, int pid, string readyText)
    {
        Directory = directory;
        BinaryPath = binaryPath;
        _process = process;
        Pid = pid;
        ReadyText = readyText;
    }

    public string Directory { get; }

    public string BinaryPath { get; }

    public int Pid { get; }

    /// <summary>What the program printed after its pid on the ready line (empty when nothing).</summary>
    public string ReadyText { get; }

    public static string? FindTool(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Compiles <paramref name="source"/> into <paramref name="directory"/>/<paramref name="binaryName"/>, starts it and waits for its ready line.</summary>
    public static async Task<LiveHelperProcess> StartAsync(string directory, string binaryName, string source)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sourcePath = Path.Combine(directory, binaryName + ".c");
        var binaryPath = Path.Combine(directory, binaryName);
        await File.WriteAllTextAsync(sourcePath, source);
        var gcc = FindTool("gcc") ?? throw new InvalidOperationException("gcc is not on PATH");
        var (code, _, stderr) = await RunAsync(gcc, ["-O0", "-g", "-o", binaryPath, sourcePath]);
        if (code != 0)
        {
            throw new InvalidOperationException($"gcc failed ({code}): {stderr}");
        }

        var start = new ProcessStartInfo(binaryPath) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binaryName} did not start");
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(ready.Token);
        var parts = line?.Split(' ', 3) ?? [];
        if (parts is not ["ready", var pidText, ..] || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"{binaryName} printed '{line}' instead of 'ready PID'");
        }

        return new LiveHelperProcess(directory, binaryPath, process, pid, parts.Length > 2 ? parts[2] : string.Empty);
    }

    /// <summary>Writes the waiting process's core with gcore (<c>core.PID</c> in its directory) and returns its path.</summary>
    public async Task<string> GcoreAsync(CancellationToken ct = default)
    {
        var gcore = FindTool("gcore") ?? throw new InvalidOperationException("gcore is not on PATH");
        var prefix = Path.Combine(Directory, "core");
        var (code, _, stderr) = await RunAsync(gcore, ["-o", prefix, Pid.ToString(CultureInfo.InvariantCulture)], ct);
        var path = $"{prefix}.{Pid}";
        return File.Exists(path) ? path : throw new InvalidOperationException($"gcore failed ({code}): {stderr}");
    }

    /// <summary>Closes the program's standard input (it exits) and waits for it; kills it after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
