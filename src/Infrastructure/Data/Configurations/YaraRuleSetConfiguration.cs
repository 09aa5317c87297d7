using CaseManager.Domain.Yara;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class YaraRuleSetConfiguration : IEntityTypeConfiguration<YaraRuleSet>
{
    public void Configure(EntityTypeBuilder<YaraRuleSet> builder)
    {
        builder.ToTable("yara_rule_sets");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(YaraRuleSet.NameMaxLength).IsRequired();
        builder.Property(r => r.Source).IsRequired();
        builder.Property(r => r.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => r.CaseId);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.RuleSetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.DomainEvents);
        builder.Ignore(r => r.IsGlobal);
    }
}

internal sealed class YaraRuleSetVersionConfiguration : IEntityTypeConfiguration<YaraRuleSetVersion>
{
    public void Configure(EntityTypeBuilder<YaraRuleSetVersion> builder)
    {
        builder.ToTable("yara_rule_set_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Source).IsRequired();
        builder.Property(v => v.SavedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(v => new { v.RuleSetId, v.Version }).IsUnique();
    }
}
