using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Reports;

/// <summary>One download of one report file: who, when, from which address, which format. Never changed or deleted.</summary>
public sealed class ReportDownload : Entity<Guid>, IAggregateRoot, ITenantOwned
{
    public const int IpMaxLength = 64;
    public const int UserMaxLength = 256;

    private ReportDownload()
    {
    }

    public ReportId ReportId { get; private set; }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public int Version { get; private set; }

    public ReportFormat Format { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public string UserName { get; private set; } = string.Empty;

    public bool ByClient { get; private set; }

    public string? IpAddress { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static ReportDownload Record(CaseReport report, ReportFormat format, string userId, string userName, bool byClient, string? ipAddress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("A download needs the user who made it.");
        }

        return new ReportDownload
        {
            Id = Guid.CreateVersion7(),
            ReportId = report.Id,
            CaseId = report.CaseId,
            ClientId = report.ClientId,
            Version = report.Version,
            Format = format,
            UserId = userId,
            UserName = Clip(string.IsNullOrWhiteSpace(userName) ? userId : userName.Trim(), UserMaxLength),
            ByClient = byClient,
            IpAddress = ipAddress is null ? null : Clip(ipAddress, IpMaxLength),
            At = now,
        };
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}
