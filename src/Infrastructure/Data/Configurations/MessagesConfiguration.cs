using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Messages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> builder)
    {
        builder.ToTable("case_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.Property(m => m.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(m => m.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(m => m.AuthorName).HasMaxLength(CaseMessage.AuthorMaxLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(CaseMessage.BodyMaxLength).IsRequired();
        builder.HasIndex(m => new { m.CaseId, m.SentAt });
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(m => m.DomainEvents);
    }
}

internal sealed class CaseLastSeenConfiguration : IEntityTypeConfiguration<CaseLastSeen>
{
    public void Configure(EntityTypeBuilder<CaseLastSeen> builder)
    {
        builder.ToTable("case_last_seen");
        builder.HasKey(s => new { s.UserId, s.CaseId });
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
