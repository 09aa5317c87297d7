using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Infrastructure;

internal static class ModelStateExtensions
{
    /// <summary>Puts each validation failure, in the user's language, next to its form field (<c>Input.Title</c> …).</summary>
    public static void AddValidationErrors(this PageModel page, ValidationException exception, string prefix)
    {
        var localizer = page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        foreach (var (property, messages) in exception.Errors)
        {
            var key = string.IsNullOrEmpty(property) ? string.Empty : string.IsNullOrEmpty(prefix) ? property : $"{prefix}.{property}";
            foreach (var message in messages)
            {
                page.ModelState.AddModelError(key, localizer[message]);
            }
        }
    }
}
