using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Audit.Commands.ExportAuditLog;

/// <summary>
/// The filtered audit log as CSV lines (header first, oldest first), streamed. The export itself is recorded in the log
/// (with its filter) before the first line is produced.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ExportAuditLogCommand(AuditFilter Filter) : ICommand<IAsyncEnumerable<string>>;

public sealed class ExportAuditLogCommandHandler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<ExportAuditLogCommand, IAsyncEnumerable<string>>
{
    public const string Header = "sequence,at_utc,actor,event_type,target,details,ip_address,previous_hash,hash";

    public async ValueTask<IAsyncEnumerable<string>> Handle(ExportAuditLogCommand command, CancellationToken cancellationToken)
    {
        var count = await command.Filter.Apply(db.AuditEntries.AsNoTracking()).CountAsync(cancellationToken);
        var filter = command.Filter.ToString();
        await audit.RecordAsync(AuditEventTypes.AuditExported, "audit", string.Create(CultureInfo.InvariantCulture, $"CSV, {count} rows{(filter.Length > 0 ? "; " + filter : string.Empty)}"), cancellationToken);
        return Lines(command.Filter, cancellationToken);
    }

    private async IAsyncEnumerable<string> Lines(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Header;
        await foreach (var e in filter.Apply(db.AuditEntries.AsNoTracking()).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return string.Join(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                Field(e.Actor), Field(e.EventType), Field(e.Target), Field(e.Details), Field(e.IpAddress), e.PreviousHash, e.Hash);
        }
    }

    /// <summary>RFC 4180 quoting; a leading =, +, -, @, tab or CR is prefixed with ' so spreadsheets never run it as a formula.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
