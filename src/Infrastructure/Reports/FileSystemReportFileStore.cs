using System.Security.Cryptography;
using CaseManager.Application.Reports;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Reports;

/// <summary>Where report files are stored: <c>Reports:RootDirectory</c>, default <c>DataDirectory/reports</c> (never under wwwroot).</summary>
public sealed class ReportStorageOptions
{
    public const string SectionName = "Reports";

    public string RootDirectory { get; set; } = string.Empty;
}

/// <summary>
/// <see cref="IReportFileStore"/> on the local file system, laid out as the evidence store: <c>objects/&lt;aa&gt;/&lt;bb&gt;/&lt;sha256&gt;</c>
/// under <see cref="ReportStorageOptions.RootDirectory"/>, read-only (0444) once written. A file is written to a
/// temporary name and moved into place, so a crash leaves either the whole file or none; the same bytes are stored once.
/// </summary>
public sealed class FileSystemReportFileStore : IReportFileStore
{
    private const UnixFileMode ContentMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly string _objectsDirectory;
    private readonly string _temporaryDirectory;

    public FileSystemReportFileStore(IOptions<ReportStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Value.RootDirectory))
        {
            throw new InvalidOperationException($"{ReportStorageOptions.SectionName}:{nameof(ReportStorageOptions.RootDirectory)} is not configured.");
        }

        var root = Path.GetFullPath(options.Value.RootDirectory);
        _objectsDirectory = Path.Combine(root, "objects");
        _temporaryDirectory = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_objectsDirectory);
        Directory.CreateDirectory(_temporaryDirectory);
    }

    public async Task<StoredReportFile> SaveAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return new StoredReportFile(sha256, content.LongLength);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(_temporaryDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, ContentMode);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Stored by someone else at the same moment: same bytes, same name.
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        return new StoredReportFile(sha256, content.LongLength);
    }

    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new ReportFileUnavailableException($"The stored report file {sha256} is missing.");
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return Convert.ToHexStringLower(SHA256.HashData(content)) == sha256
            ? content
            : throw new ReportFileUnavailableException($"The stored report file {sha256} no longer matches its SHA-256: it was altered on disk and is not served.");
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a lower-case SHA-256.", nameof(sha256));
        }

        return Path.Combine(_objectsDirectory, sha256[..2], sha256[2..4], sha256);
    }
}
