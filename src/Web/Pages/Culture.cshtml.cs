using Microsoft.AspNetCore.Localization;

namespace CaseManager.Web.Pages;

/// <summary>The language switcher: stores the chosen culture in a year-long cookie.</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (!Microsoft.Extensions.DependencyInjection.WebDependencyInjection.SupportedCultures.Any(c => c.Name == culture))
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
