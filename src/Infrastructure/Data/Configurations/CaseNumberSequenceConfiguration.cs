using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class CaseNumberSequenceConfiguration : IEntityTypeConfiguration<CaseNumberSequence>
{
    public void Configure(EntityTypeBuilder<CaseNumberSequence> builder)
    {
        builder.ToTable("case_number_sequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).HasColumnName("year").ValueGeneratedNever();
        builder.Property(s => s.LastValue).HasColumnName("last_value");
    }
}
