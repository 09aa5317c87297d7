using CaseManager.Application.Common.Security;
using Mediator;

namespace CaseManager.Architecture.Tests;

public sealed class RequestAuthorizationTests
{
    public static TheoryData<Type> Messages()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(AuthorizeAttribute).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && (typeof(IBaseCommand).IsAssignableFrom(t) || typeof(IBaseQuery).IsAssignableFrom(t) || typeof(IBaseRequest).IsAssignableFrom(t))))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void Messages_AreFound() => Messages().Count.ShouldBeGreaterThan(15);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_CarriesExactlyOneAuthorizationAttribute(Type message)
    {
        var count = new[] { typeof(AuthorizeAttribute), typeof(SystemRequestAttribute), typeof(AllowAnonymousRequestAttribute) }
            .Count(a => message.IsDefined(a, inherit: false));

        count.ShouldBe(1, $"{message.Name} must carry exactly one of [Authorize], [SystemRequest], [AllowAnonymousRequest]");
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_AuthorizeNamesOnlyKnownRoles(Type message)
    {
        if (message.GetCustomAttributes(typeof(AuthorizeAttribute), false).SingleOrDefault() is AuthorizeAttribute authorize)
        {
            var roles = authorize.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            roles.ShouldNotBeEmpty();
            roles.ShouldAllBe(r => CaseManager.Domain.Identity.Roles.All.Contains(r));
        }
    }
}
