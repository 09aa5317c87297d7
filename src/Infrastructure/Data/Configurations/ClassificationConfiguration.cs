using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Indicators;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class ClassificationDecisionConfiguration : IEntityTypeConfiguration<ClassificationDecision>
{
    public void Configure(EntityTypeBuilder<ClassificationDecision> builder)
    {
        builder.ToTable("case_classifications");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.HasIndex(d => new { d.CaseId, d.Id });
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.SuggestedType).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Family).HasMaxLength(ClassificationDecision.FamilyMaxLength);
        builder.Property(d => d.Reason).HasMaxLength(ClassificationDecision.ReasonMaxLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class CaseIndicatorConfiguration : IEntityTypeConfiguration<CaseIndicator>
{
    public void Configure(EntityTypeBuilder<CaseIndicator> builder)
    {
        builder.ToTable("case_indicators");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Value).HasMaxLength(IndicatorValue.MaxLength).IsRequired();
        builder.HasIndex(i => new { i.CaseId, i.Type, i.Value }).IsUnique();
        builder.HasIndex(i => i.Value);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Tags).HasMaxLength((CaseIndicator.TagMaxLength + 1) * CaseIndicator.MaxTags).IsRequired();
        builder.Property(i => i.Note).HasMaxLength(CaseIndicator.NoteMaxLength);
        builder.Property(i => i.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(i => i.TagList);
    }
}
