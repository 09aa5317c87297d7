namespace CaseManager.Application.Reports;

/// <summary>
/// Where report files live: outside the web root (default <c>DataDirectory/reports</c>), content-addressed by SHA-256,
/// written once and read-only, as evidence is. Storing the same bytes twice stores them once.
/// </summary>
public interface IReportFileStore
{
    /// <summary>Stores <paramref name="content"/> (atomically: a file is either complete under its hash or absent).</summary>
    Task<StoredReportFile> SaveAsync(byte[] content, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the file stored under <paramref name="sha256"/> and checks it still hashes to it. Throws
    /// <see cref="ReportFileUnavailableException"/> when it is missing or was altered on disk.
    /// </summary>
    Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken);
}

/// <summary>Lower-case hex SHA-256 and size of stored report bytes.</summary>
public sealed record StoredReportFile(string Sha256, long Size);

/// <summary>A stored report file is missing or no longer matches its SHA-256: it is never served.</summary>
public sealed class ReportFileUnavailableException(string message) : Exception(message);
