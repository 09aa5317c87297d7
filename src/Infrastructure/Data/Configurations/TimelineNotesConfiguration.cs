using CaseManager.Domain.Cases;
using CaseManager.Domain.Notes;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class ManualTimelineEventConfiguration : IEntityTypeConfiguration<ManualTimelineEvent>
{
    public void Configure(EntityTypeBuilder<ManualTimelineEvent> builder)
    {
        builder.ToTable("case_timeline_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CaseId, e.OccurredAt });
        builder.Property(e => e.Host).HasMaxLength(ManualTimelineEvent.HostMaxLength);
        builder.Property(e => e.Description).HasMaxLength(ManualTimelineEvent.DescriptionMaxLength).IsRequired();
        builder.Property(e => e.Tactic).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.CreatedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.ToTable("case_notes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.CaseId, n.CreatedAt });
        builder.Property(n => n.Markdown).HasMaxLength(CaseNote.MarkdownMaxLength).IsRequired();
        builder.Property(n => n.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(n => n.EditedBy).HasMaxLength(256);
        builder.HasMany(n => n.Revisions).WithOne().HasForeignKey("NoteId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(n => n.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CaseNoteRevisionConfiguration : IEntityTypeConfiguration<CaseNoteRevision>
{
    public void Configure(EntityTypeBuilder<CaseNoteRevision> builder)
    {
        builder.ToTable("case_note_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Markdown).HasMaxLength(CaseNote.MarkdownMaxLength).IsRequired();
        builder.Property(r => r.WrittenBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class CaseActivityConfiguration : IEntityTypeConfiguration<CaseActivity>
{
    public void Configure(EntityTypeBuilder<CaseActivity> builder)
    {
        builder.ToTable("case_activity");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CaseId, a.At });
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Subject).HasMaxLength(CaseActivity.SubjectMaxLength).IsRequired();
        builder.Property(a => a.Actor).HasMaxLength(256).IsRequired();
    }
}
