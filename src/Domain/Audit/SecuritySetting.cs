namespace CaseManager.Domain.Audit;

/// <summary>
/// A security setting an admin changes at run time (stored in the database so every web process sees it),
/// e.g. <see cref="TwoFactorRequiredRolesKey"/>.
/// </summary>
public sealed class SecuritySetting
{
    /// <summary>Comma-separated staff roles whose members must use two-factor sign-in.</summary>
    public const string TwoFactorRequiredRolesKey = "TwoFactor.RequiredRoles";
    public const int ValueMaxLength = 1000;

    private SecuritySetting()
    {
    }

    public string Key { get; private set; } = string.Empty;

    public string Value { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public static SecuritySetting Create(string key, string value, string by, DateTimeOffset now) =>
        new() { Key = key, Value = value, UpdatedBy = by, UpdatedAt = now };

    public void Change(string value, string by, DateTimeOffset now)
    {
        if (value.Length > ValueMaxLength)
        {
            throw new Common.DomainException("The setting is too long.");
        }

        Value = value;
        UpdatedBy = by;
        UpdatedAt = now;
    }
}
