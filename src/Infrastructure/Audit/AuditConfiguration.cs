using CaseManager.Domain.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.EventType, e.Sequence });
        builder.HasIndex(e => e.Actor);
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorMaxLength).IsRequired();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.EventType).HasMaxLength(AuditEntry.EventTypeMaxLength).IsRequired();
        builder.Property(e => e.Target).HasMaxLength(AuditEntry.TargetMaxLength).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.DetailsMaxLength).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEntry.AddressMaxLength).IsRequired();
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class AuditChainAnchorConfiguration : IEntityTypeConfiguration<AuditChainAnchor>
{
    public void Configure(EntityTypeBuilder<AuditChainAnchor> builder)
    {
        builder.ToTable("audit_anchor");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Hash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class SecuritySettingConfiguration : IEntityTypeConfiguration<SecuritySetting>
{
    public void Configure(EntityTypeBuilder<SecuritySetting> builder)
    {
        builder.ToTable("security_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(SecuritySetting.ValueMaxLength).IsRequired();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256).IsRequired();
    }
}
