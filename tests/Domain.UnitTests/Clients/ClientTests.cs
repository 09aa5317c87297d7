using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.UnitTests.Clients;

public sealed class ClientTests
{
    [Fact]
    public void Create_TrimsAndNormalisesBlankOptionalFields()
    {
        var client = Client.Create(" Acme ", "  ", null, [new ClientContact(" Li ", "", " 110 ", null)]);

        (client.Name, client.Industry).ShouldBe(("Acme", (string?)null));
        var contact = client.Contacts.ShouldHaveSingleItem();
        (contact.Name, contact.Role, contact.Phone).ShouldBe(("Li", (string?)null, "110"));
    }

    [Fact]
    public void Update_WithoutName_Throws() => Should.Throw<DomainException>(() => Client.Create("Acme", null, null, []).Update(" ", null, null, []));
}
