using CaseManager.Domain.Clients;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Infrastructure.Data.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(c => c.Name).HasMaxLength(Client.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Industry).HasMaxLength(Client.IndustryMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(Client.NotesMaxLength);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(10).HasDefaultValue(Client.DefaultLanguage).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.HasMany(c => c.Contacts).WithOne().HasForeignKey("ClientId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Contacts).HasField("_contacts").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class ClientContactConfiguration : IEntityTypeConfiguration<ClientContact>
{
    public void Configure(EntityTypeBuilder<ClientContact> builder)
    {
        builder.ToTable("client_contacts");
        builder.HasKey(c => c.Id);
        builder.Property<ClientId>("ClientId").HasConversion(id => id.Value, v => new ClientId(v));
        builder.Property(c => c.Name).HasMaxLength(ClientContact.NameMaxLength).IsRequired();
        builder.Property(c => c.Role).HasMaxLength(ClientContact.RoleMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(ClientContact.PhoneMaxLength);
        builder.Property(c => c.Email).HasMaxLength(ClientContact.EmailMaxLength);
    }
}
