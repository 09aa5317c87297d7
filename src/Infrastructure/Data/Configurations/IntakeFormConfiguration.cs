using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

/// <summary>The intake's content is one JSON document per form and per version: it is read and written whole.</summary>
internal sealed class IntakeFormConfiguration : IEntityTypeConfiguration<IntakeForm>
{
    public void Configure(EntityTypeBuilder<IntakeForm> builder)
    {
        builder.ToTable("intake_forms");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        builder.HasIndex(i => i.CaseId).IsUnique();
        builder.HasOne<IncidentCase>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.ClientId).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Data).HasJsonConversion().IsRequired();
        builder.Property(i => i.Internal).HasJsonConversion().IsRequired();
        builder.Property(i => i.HostSearchText).IsRequired(); // existing rows are filled by the CaseSearch migration
        builder.Property(i => i.CurrentVersion).IsConcurrencyToken();
        builder.HasMany(i => i.Versions).WithOne().HasForeignKey("IntakeId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(i => i.DomainEvents);
    }
}

internal sealed class IntakeVersionConfiguration : IEntityTypeConfiguration<IntakeVersion>
{
    public void Configure(EntityTypeBuilder<IntakeVersion> builder)
    {
        builder.ToTable("intake_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex("IntakeId", nameof(IntakeVersion.Number)).IsUnique();
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Data).HasJsonConversion().IsRequired();
        builder.Property(v => v.Internal).HasJsonConversion().IsRequired();
        builder.Property(v => v.SavedBy).HasMaxLength(256).IsRequired();
    }
}

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Stores an immutable record as JSON text; compared by its JSON, so a new value with equal content is no change.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<T>(s, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => v));
        return property;
    }
}
