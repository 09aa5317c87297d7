using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// Model binding's own messages ("The value '' is invalid.", "The value 'x' is not valid for Y.") in the user's
/// language: an empty value for a field that needs one reads as a required field, anything unparsable as invalid.
/// </summary>
internal sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => l["This field is required."]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["This field is required."]);
        messages.SetMissingKeyOrValueAccessor(() => l["This field is required."]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["The value '{0}' is not valid.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["The value is not valid."]);
        messages.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(_ => l["Enter a number."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Enter a number."]);
    }
}
