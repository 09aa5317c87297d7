using System.Text;
using CaseManager.Application.Audit;
using CaseManager.Application.Audit.Commands.ExportAuditLog;
using CaseManager.Application.Audit.Queries.SearchAuditLog;
using CaseManager.Application.Audit.Queries.VerifyAuditChain;
using CaseManager.Application.Common.Models;

namespace CaseManager.Web.Pages.Admin.Audit;

/// <summary>The audit log: filters (actor, event type, UTC date range, text), paged newest first, CSV export (itself audited), chain verification.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? EventType { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PagedList<AuditEntryDto> Entries { get; private set; } = new([], 1, 50, 0);

    public IReadOnlyList<string> EventTypes { get; private set; } = [];

    public AuditChainReport? Verification { get; private set; }

    private AuditFilter Filter => new(Actor, EventType, From, To, Text);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>GET ?handler=Verify: the page with the verification result on top.</summary>
    public async Task OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        Verification = await sender.Send(new VerifyAuditChainQuery(), cancellationToken);
        await LoadAsync(cancellationToken);
    }

    /// <summary>GET ?handler=Csv with the page's filters: every matching row, oldest first.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var lines = await sender.Send(new ExportAuditLogCommand(Filter), cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(line);
            await writer.WriteAsync("\r\n");
        }

        return new EmptyResult();
    }

    public string PageUrl(int page) => Url.Page("/Admin/Audit/Index", null, Query(page))!;

    public string CsvUrl => Url.Page("/Admin/Audit/Index", "Csv", Query(null))!;

    public string VerifyUrl => Url.Page("/Admin/Audit/Index", "Verify", Query(null))!;

    private object Query(int? page) => new { actor = Actor, type = EventType, from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), q = Text, p = page };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SearchAuditLogQuery(Filter, PageNumber), cancellationToken);
        Entries = result.Entries;
        EventTypes = result.EventTypes;
    }
}
