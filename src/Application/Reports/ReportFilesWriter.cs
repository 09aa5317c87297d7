using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports;

/// <summary>
/// Generates a version's files and stores them, before anything is saved to the database: a generation that fails
/// leaves no version (or a draft's previous files) behind, never half of one.
/// </summary>
internal static class ReportFilesWriter
{
    public static async Task<ReportFiles> WriteAsync(IReportGenerator generator, IReportFileStore store, ReportRequest request, CancellationToken cancellationToken)
    {
        var generated = await generator.GenerateAsync(request, cancellationToken);
        if (generated.Pdf is not { Length: > 0 } || generated.Html is not { Length: > 0 })
        {
            throw new InvalidOperationException($"The report generator returned no {(generated.Pdf is not { Length: > 0 } ? "PDF" : "HTML")} for version {request.Version}.");
        }

        var pdf = await store.SaveAsync(generated.Pdf, cancellationToken);
        var html = await store.SaveAsync(generated.Html, cancellationToken);
        return new ReportFiles(pdf.Sha256, pdf.Size, html.Sha256, html.Size, generated.PageCount, request.GeneratedAt);
    }
}
