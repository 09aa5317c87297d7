namespace CaseManager.Web.Pages;

/// <summary>Status-code and error page (404 not found, 403 forbidden, 500).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The error was logged. Please try again.";

    public void OnGet(int? code) => Describe(code ?? 500);

    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        Code = code;
        (Heading, Message) = code switch
        {
            404 => ("Not found", "This page or record does not exist, or you do not have access to it."),
            403 => ("Access denied", "Your account may not open this page."),
            _ => ("Something went wrong", "The error was logged. Please try again."),
        };
    }
}
