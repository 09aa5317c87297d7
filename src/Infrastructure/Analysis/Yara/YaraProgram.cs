using System.Diagnostics;
using System.Text;

namespace CaseManager.Infrastructure.Analysis.Yara;

/// <summary>
/// Runs the <c>yara</c> program with arguments (never a shell), streaming its standard output line by line to a
/// callback so thousands of matches never sit in memory, and keeping the first lines of its standard error.
/// </summary>
internal sealed class YaraProgram(YaraOptions options)
{
    private const int MaxErrorLines = 200;

    public string Path { get; } = Resolve(options.Program);

    public bool Available => File.Exists(Path);

    public async Task<YaraRun> RunAsync(IEnumerable<string> arguments, Action<string> onLine, TimeSpan limit, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Path}");
        process.StandardInput.Close();
        List<string> errors = [];
        var stderr = Task.Run(
            async () =>
            {
                while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
                {
                    if (errors.Count < MaxErrorLines)
                    {
                        errors.Add(line);
                    }
                }
            },
            CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var killed = false;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                onLine(line);
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            killed = true;
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await stderr;
        return new YaraRun(killed ? -1 : process.ExitCode, errors, killed);
    }

    private static string Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? "/usr/bin/" + program;
    }
}

/// <summary>How a run of the program ended: its exit code (-1 when killed at the time limit) and its first error lines.</summary>
internal sealed record YaraRun(int ExitCode, IReadOnlyList<string> Errors, bool Killed);
