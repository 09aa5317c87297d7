using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("evidence_items");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasConversion(id => id.Value, v => new EvidenceId(v));
        builder.Property(e => e.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.CaseId);
        builder.Property(e => e.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(e => e.OriginalName).HasMaxLength(EvidenceItem.NameMaxLength * 4).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.DetectedKind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(e => e.Sha256);
        builder.Property(e => e.Sha1).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Md5).HasMaxLength(32).IsRequired();
        builder.Property(e => e.AcquiredBy).HasMaxLength(200);
        builder.Property(e => e.Notes).HasMaxLength(EvidenceItem.NotesMaxLength);
        builder.Property(e => e.AnalysisStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.AnalysisMessage).HasMaxLength(EvidenceItem.MessageMaxLength);
        builder.Property(e => e.Analyser).HasMaxLength(50);
        builder.Property(e => e.AnalyserVersion).HasMaxLength(50);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        builder.HasMany(e => e.Custody).WithOne().HasForeignKey("EvidenceId").IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(e => e.Custody).HasField("_custody").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(e => e.DomainEvents);
    }
}

internal sealed class CustodyEntryConfiguration : IEntityTypeConfiguration<CustodyEntry>
{
    public void Configure(EntityTypeBuilder<CustodyEntry> builder)
    {
        builder.ToTable("evidence_custody");
        builder.HasKey(c => c.Id);
        builder.Property<EvidenceId>("EvidenceId").HasConversion(id => id.Value, v => new EvidenceId(v));
        builder.HasIndex("EvidenceId", nameof(CustodyEntry.Sequence)).IsUnique();
        builder.Property(c => c.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Actor).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Details).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Hash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class EvidenceFindingConfiguration : IEntityTypeConfiguration<EvidenceFinding>
{
    public void Configure(EntityTypeBuilder<EvidenceFinding> builder)
    {
        builder.ToTable("evidence_findings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.EvidenceId).HasConversion(id => id.Value, v => new EvidenceId(v));
        builder.HasOne<EvidenceItem>().WithMany().HasForeignKey(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        // Stored as its number, so the database orders findings by severity.
        builder.Property(f => f.Severity);
        builder.Property(f => f.Code).HasMaxLength(EvidenceFinding.CodeMaxLength).IsRequired();
        builder.HasIndex(f => f.Code);
        builder.Property(f => f.Arguments).HasMaxLength(EvidenceFinding.ArgumentsMaxLength).IsRequired();
        builder.Property(f => f.Reference).HasMaxLength(2000);
        builder.Property(f => f.Attack).HasMaxLength(20);
    }
}

internal sealed class EvidenceIndicatorConfiguration : IEntityTypeConfiguration<EvidenceIndicator>
{
    public void Configure(EntityTypeBuilder<EvidenceIndicator> builder)
    {
        builder.ToTable("evidence_indicators");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.EvidenceId).HasConversion(id => id.Value, v => new EvidenceId(v));
        builder.HasOne<EvidenceItem>().WithMany().HasForeignKey(i => i.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.EvidenceId, i.Type });
        builder.HasIndex(i => i.Value); // search by IOC value (equality) across all cases
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Value).HasMaxLength(1000).IsRequired();
        builder.Property(i => i.Context).HasMaxLength(1000);
        // Stored as its number, so the database orders and aggregates by relevance (Context < Suspicious < Malicious).
        builder.Property(i => i.Relevance);
    }
}

internal sealed class PendingUploadConfiguration : IEntityTypeConfiguration<PendingUpload>
{
    public void Configure(EntityTypeBuilder<PendingUpload> builder)
    {
        builder.ToTable("evidence_uploads");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(u => u.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(u => u.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(u => u.FileName).HasMaxLength(EvidenceItem.NameMaxLength * 4).IsRequired();
        builder.Property(u => u.StartedBy).HasMaxLength(256).IsRequired();
        builder.Property(u => u.StartedById).HasMaxLength(450);
        builder.HasIndex(u => u.StartedById);
        builder.HasIndex(u => u.LastActivityAt);
        builder.Ignore(u => u.DomainEvents);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("case_timeline");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.EvidenceId).HasConversion(new ValueConverter<EvidenceId, Guid>(id => id.Value, v => new EvidenceId(v)));
        builder.HasOne<EvidenceItem>().WithMany().HasForeignKey(t => t.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CaseId, t.UnixNanoseconds });
        builder.Ignore(t => t.At);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(t => t.Subject).HasMaxLength(EvidenceItem.NameMaxLength * 4).IsRequired();
        builder.Property(t => t.Host).HasMaxLength(TimelineEntry.HostMaxLength);
        builder.Property(t => t.Detail).HasMaxLength(TimelineEntry.DetailMaxLength);
        builder.Property(t => t.By).HasMaxLength(TimelineEntry.ByMaxLength);
    }
}
