using CaseManager.Application.Analysis;
using CaseManager.Application.Reports;
using CaseManager.Infrastructure.Reports.Html;
using CaseManager.Infrastructure.Reports.Pdf;

namespace CaseManager.Infrastructure.Reports;

/// <summary>Assembles the case's report content once and renders it twice: PDF (PDFsharp) and standalone HTML.</summary>
public sealed class ReportGenerator(
    IApplicationDbContext db,
    FindingPresenter presenter,
    IAnalyserRegistry analysers,
    IAnalysisRunStore runs) : IReportGenerator
{
    public async Task<GeneratedReport> GenerateAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ReportLanguages.IsSupported(request.Language))
        {
            throw new ArgumentException($"The report language must be one of {string.Join(", ", ReportLanguages.All)}.", nameof(request));
        }

        var content = await new ReportContentAssembler(db, presenter, analysers, runs).AssembleAsync(request, cancellationToken);
        return Render(content);
    }

    internal static GeneratedReport Render(ReportDocument content)
    {
        var (pdf, pages) = PdfReportRenderer.Render(content);
        return new GeneratedReport(pdf, HtmlReportRenderer.Render(content), pages);
    }
}
