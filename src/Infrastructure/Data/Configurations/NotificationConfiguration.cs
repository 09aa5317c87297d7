using CaseManager.Domain.Cases;
using CaseManager.Domain.Notifications;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(n => n.CaseNumber).HasMaxLength(CaseNumber.MaxLength).IsRequired();
        builder.Property(n => n.CaseTitle).HasMaxLength(IncidentCase.TitleMaxLength).IsRequired();
        builder.Ignore(n => n.DomainEvents);
    }
}
