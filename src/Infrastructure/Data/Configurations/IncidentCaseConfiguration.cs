using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class IncidentCaseConfiguration : IEntityTypeConfiguration<IncidentCase>
{
    public void Configure(EntityTypeBuilder<IncidentCase> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(c => c.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.HasOne<Client>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Number).HasConversion(n => n.Value, v => new CaseNumber(v)).HasMaxLength(CaseNumber.MaxLength).IsRequired();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(IncidentCase.TitleMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(IncidentCase.DescriptionMaxLength);
        builder.Property(c => c.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Phase).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.Phase, c.Severity, c.ClientId }); // the dashboard groups open cases by all three from this index alone
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.HasMany(c => c.History).WithOne().HasForeignKey("CaseId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Assignments).WithOne().HasForeignKey("CaseId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Assignments).HasField("_assignments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class PhaseChangeConfiguration : IEntityTypeConfiguration<PhaseChange>
{
    public void Configure(EntityTypeBuilder<PhaseChange> builder)
    {
        builder.ToTable("case_phase_changes");
        builder.HasKey(p => p.Id);
        builder.Property<CaseId>("CaseId").HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(p => p.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ChangedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Comment).HasMaxLength(PhaseChange.CommentMaxLength);
    }
}

internal sealed class CaseAssignmentConfiguration : IEntityTypeConfiguration<CaseAssignment>
{
    public void Configure(EntityTypeBuilder<CaseAssignment> builder)
    {
        builder.ToTable("case_assignments");
        builder.HasKey(a => a.Id);
        builder.Property<CaseId>("CaseId").HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex("CaseId", nameof(CaseAssignment.UserId)).IsUnique();
    }
}
