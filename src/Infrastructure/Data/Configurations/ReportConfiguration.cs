using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Reports;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class CaseReportConfiguration : IEntityTypeConfiguration<CaseReport>
{
    public void Configure(EntityTypeBuilder<CaseReport> builder)
    {
        builder.ToTable("case_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasConversion(id => id.Value, v => new ReportId(v)).ValueGeneratedNever();
        builder.Property(r => r.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(r => r.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.HasIndex(r => new { r.CaseId, r.Version }).IsUnique();
        builder.Property(r => r.Language).HasMaxLength(CaseReport.LanguageMaxLength).IsRequired();
        builder.Property(r => r.ExecutiveSummary).HasMaxLength(CaseReport.NarrativeMaxLength);
        builder.Property(r => r.Recommendations).HasMaxLength(CaseReport.NarrativeMaxLength);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.AuthorName).HasMaxLength(CaseReport.NameMaxLength).IsRequired();
        builder.Property(r => r.SubmittedById).HasMaxLength(450);
        builder.Property(r => r.SubmittedByName).HasMaxLength(CaseReport.NameMaxLength);
        builder.Property(r => r.ReviewerId).HasMaxLength(450);
        builder.Property(r => r.ReviewerName).HasMaxLength(CaseReport.NameMaxLength);
        builder.Property(r => r.RetractedByName).HasMaxLength(CaseReport.NameMaxLength);
        builder.Property(r => r.RetractionReason).HasMaxLength(ReportHistoryEntry.TextMaxLength);
        builder.OwnsOne(r => r.Files, files =>
        {
            files.Property(f => f.PdfSha256).HasColumnName("PdfSha256").HasMaxLength(ReportFiles.Sha256Length).IsRequired();
            files.Property(f => f.PdfSize).HasColumnName("PdfSize");
            files.Property(f => f.HtmlSha256).HasColumnName("HtmlSha256").HasMaxLength(ReportFiles.Sha256Length).IsRequired();
            files.Property(f => f.HtmlSize).HasColumnName("HtmlSize");
            files.Property(f => f.PageCount).HasColumnName("PageCount");
            files.Property(f => f.GeneratedAt).HasColumnName("GeneratedAt");
        });
        builder.Navigation(r => r.Files).IsRequired();
        builder.HasMany(r => r.History).WithOne().HasForeignKey("ReportId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.DomainEvents);
    }
}

internal sealed class ReportHistoryEntryConfiguration : IEntityTypeConfiguration<ReportHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ReportHistoryEntry> builder)
    {
        builder.ToTable("case_report_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property<ReportId>("ReportId").HasConversion(id => id.Value, v => new ReportId(v));
        builder.Property(h => h.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(h => h.ById).HasMaxLength(450).IsRequired();
        builder.Property(h => h.ByName).HasMaxLength(CaseReport.NameMaxLength).IsRequired();
        builder.Property(h => h.Text).HasMaxLength(ReportHistoryEntry.TextMaxLength);
    }
}

internal sealed class ReportDownloadConfiguration : IEntityTypeConfiguration<ReportDownload>
{
    public void Configure(EntityTypeBuilder<ReportDownload> builder)
    {
        builder.ToTable("case_report_downloads");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.ReportId).HasConversion(id => id.Value, v => new ReportId(v));
        builder.Property(d => d.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(d => d.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(d => d.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.UserName).HasMaxLength(ReportDownload.UserMaxLength).IsRequired();
        builder.Property(d => d.IpAddress).HasMaxLength(ReportDownload.IpMaxLength);
        builder.HasIndex(d => new { d.CaseId, d.ReportId });
        builder.HasOne<CaseReport>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(d => d.DomainEvents);
    }
}
