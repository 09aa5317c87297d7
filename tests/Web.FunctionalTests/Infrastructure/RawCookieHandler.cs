namespace CaseManager.Web.FunctionalTests.Infrastructure;

/// <summary>
/// A cookie jar that sends every cookie it was given, Secure or not (the test server speaks http://), and lets a test copy
/// a session to a second client, as an attacker who stole the cookie would.
/// </summary>
public sealed class RawCookieHandler(Dictionary<string, string>? cookies = null) : DelegatingHandler
{
    public Dictionary<string, string> Cookies { get; } = cookies is null ? [] : new(cookies);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..at], pair[(at + 1)..]);
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }

        return response;
    }
}
