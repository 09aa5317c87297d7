using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Remediation;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class PlaybookTemplateConfiguration : IEntityTypeConfiguration<PlaybookTemplate>
{
    public void Configure(EntityTypeBuilder<PlaybookTemplate> builder)
    {
        builder.ToTable("playbook_templates");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(p => new { p.Type, p.Version }).IsUnique();
        builder.Property(p => p.Steps).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class RemediationItemConfiguration : IEntityTypeConfiguration<RemediationItem>
{
    public void Configure(EntityTypeBuilder<RemediationItem> builder)
    {
        builder.ToTable("remediation_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(i => i.TargetKey).HasMaxLength(RemediationItem.KeyMaxLength).IsRequired();
        builder.HasIndex(i => new { i.CaseId, i.TargetKey }).IsUnique();
        builder.Property(i => i.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.TextEn).HasMaxLength(PlaybookStep.TextMaxLength);
        builder.Property(i => i.TextZh).HasMaxLength(PlaybookStep.TextMaxLength);
        builder.Property(i => i.Action).HasMaxLength(40);
        builder.Property(i => i.FindingCode).HasMaxLength(EvidenceFinding.CodeMaxLength);
        builder.Property(i => i.Target).HasMaxLength(RemediationItem.TargetMaxLength);
        builder.Property(i => i.Command).HasMaxLength(RemediationItem.CommandMaxLength);
        builder.Property(i => i.EvidenceId).HasConversion(id => id!.Value.Value, v => new EvidenceId(v));
        builder.Property(i => i.VerifiedByEvidenceId).HasConversion(id => id!.Value.Value, v => new EvidenceId(v));
        builder.Property(i => i.StillPresentInEvidenceId).HasConversion(id => id!.Value.Value, v => new EvidenceId(v));
        builder.Property(i => i.Host).HasMaxLength(RemediationHost.HostMaxLength);
        builder.Property(i => i.AssigneeUserId).HasMaxLength(450);
        builder.Property(i => i.AssigneeName).HasMaxLength(256);
        builder.HasIndex(i => new { i.AssigneeUserId, i.DueOn });
        builder.Property(i => i.Note).HasMaxLength(RemediationItem.NoteMaxLength);
        builder.Property(i => i.Reason).HasMaxLength(RemediationItem.ReasonMaxLength);
        builder.Property(i => i.Proof).HasMaxLength(RemediationItem.ProofMaxLength);
        builder.Property(i => i.UpdatedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class RemediationHostConfiguration : IEntityTypeConfiguration<RemediationHost>
{
    public void Configure(EntityTypeBuilder<RemediationHost> builder)
    {
        builder.ToTable("remediation_hosts");
        builder.HasKey(h => h.EvidenceId);
        builder.Property(h => h.EvidenceId).HasConversion(id => id.Value, v => new EvidenceId(v));
        builder.HasOne<EvidenceItem>().WithMany().HasForeignKey(h => h.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.Host).HasMaxLength(RemediationHost.HostMaxLength).IsRequired();
    }
}

internal sealed class RemediationProofConfiguration : IEntityTypeConfiguration<RemediationProof>
{
    public void Configure(EntityTypeBuilder<RemediationProof> builder)
    {
        builder.ToTable("remediation_proofs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<RemediationItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.ItemId);
        builder.Property(p => p.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(p => p.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(p => p.FileName).HasMaxLength(RemediationProof.FileNameMaxLength * 4).IsRequired();
        builder.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength(false).IsRequired();
        builder.Property(p => p.UploadedBy).HasMaxLength(256).IsRequired();
    }
}
