using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Cli.Commands;

/// <summary>
/// <c>casemgr strings FILE [-n 8] [--encoding ascii|utf16le|both]</c>: prints <c>offset string</c> lines exactly
/// as GNU <c>strings -a -n N -t d</c> (ascii) and <c>strings -a -n N -e l -t d</c> (utf16le) do. <c>both</c> scans
/// once and prints the ASCII strings first, then the UTF-16LE ones (spooled to a temporary file).
/// </summary>
internal static class StringsCommand
{
    private const string Usage = "usage: casemgr strings <file> [-n 8] [--encoding ascii|utf16le|both]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, out var file, out var minLength, out var encoding, out var error))
        {
            await stderr.WriteLineAsync(error);
            await stderr.WriteLineAsync(Usage);
            return 1;
        }

        FileStream input;
        try
        {
            input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
            return 2;
        }

        await using (input)
        {
            var direct = ReferenceEquals(stdout, Console.Out);
            await stdout.FlushAsync();
            var output = direct ? Console.OpenStandardOutput() : new TextWriterStream(stdout);
            await using var spool = encoding == StringEncoding.Both
                ? new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose)
                : null;
            var writer = new GnuStringsWriter(output, spool);
            try
            {
                await new StringsExtractor().ExtractAsync(input, new StringsOptions(minLength, encoding), writer, CancellationToken.None);
                writer.Flush();
                if (spool is not null)
                {
                    spool.Position = 0;
                    await spool.CopyToAsync(output);
                }

                await output.FlushAsync();
            }
            catch (IOException ex)
            {
                await stderr.WriteLineAsync($"casemgr: {file}: {ex.Message}");
                return 2;
            }
        }

        return 0;
    }

    private static bool TryParse(string[] args, out string file, out int minLength, out StringEncoding encoding, out string error)
    {
        file = string.Empty;
        minLength = 8;
        encoding = StringEncoding.Ascii;
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-n" or "--bytes" && i + 1 < args.Length)
            {
                if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out minLength) || minLength < 1)
                {
                    error = $"casemgr strings: invalid minimum length '{args[i]}'";
                    return false;
                }
            }
            else if (arg is "--encoding" or "-e" && i + 1 < args.Length)
            {
                switch (args[++i])
                {
                    case "ascii" or "s":
                        encoding = StringEncoding.Ascii;
                        break;
                    case "utf16le" or "l":
                        encoding = StringEncoding.Utf16Le;
                        break;
                    case "both":
                        encoding = StringEncoding.Both;
                        break;
                    default:
                        error = $"casemgr strings: unknown encoding '{args[i]}'";
                        return false;
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                error = $"casemgr strings: unknown option '{arg}'";
                return false;
            }
            else if (file.Length == 0)
            {
                file = arg;
            }
            else
            {
                error = "casemgr strings: only one file";
                return false;
            }
        }

        if (file.Length == 0)
        {
            error = "casemgr strings: no file";
            return false;
        }

        return true;
    }

    /// <summary>Adapts a <see cref="TextWriter"/> (tests use StringWriter) to the byte stream the writer produces; all bytes are ASCII.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(Encoding.Latin1.GetString(buffer));
    }
}
