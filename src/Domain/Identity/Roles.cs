namespace CaseManager.Domain.Identity;

/// <summary>The three roles of CaseManager.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string Consultant = nameof(Consultant);
    public const string Client = nameof(Client);

    /// <summary>Admins and consultants: the people who work cases.</summary>
    public const string Staff = Admin + "," + Consultant;

    public static IReadOnlyList<string> All { get; } = [Admin, Consultant, Client];
}
