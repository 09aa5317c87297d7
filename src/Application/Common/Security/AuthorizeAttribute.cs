namespace CaseManager.Application.Common.Security;

/// <summary>Who may send a message: any of the comma-separated <see cref="Roles"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AuthorizeAttribute : Attribute
{
    public string Roles { get; init; } = string.Empty;
}
