using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// FluentValidation builds its messages ("'Title' must not be empty.", in Chinese "'Title' 不能为空。") from the
/// property name. This resolver gives it the field's label in the user's language instead, read through the
/// shared localizer, so every validator gets localized field names without a WithName on each rule.
/// </summary>
internal sealed class ValidationDisplayNames(IStringLocalizerFactory factory) : IStartupFilter
{
    /// <summary>Property names whose label is not the property name itself.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["ClientId"] = "Client",
        ["IpAddresses"] = "IP addresses",
        ["Email"] = "E-mail",
        ["TimeZone"] = "Time zone",
        ["UserId"] = "Consultant",
    };

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        var localizer = factory.Create(typeof(SharedResource));
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => Resolve(localizer, member);
        return next;
    }

    private static string? Resolve(IStringLocalizer localizer, MemberInfo? member)
    {
        if (member is null)
        {
            return null;
        }

        var key = Labels.GetValueOrDefault(member.Name, member.Name);
        var label = localizer[key];
        return label.ResourceNotFound && key == member.Name ? null : label.Value;
    }
}
