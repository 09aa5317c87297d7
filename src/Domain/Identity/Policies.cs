namespace CaseManager.Domain.Identity;

/// <summary>Authorization policy names used by the web layer.</summary>
public static class Policies
{
    public const string Admin = "RequireAdmin";
    public const string Staff = "RequireStaff";
    public const string Client = "RequireClient";

    /// <summary>Any of the three roles (a signed-in person of CaseManager or of a client).</summary>
    public const string StaffOrClient = "RequireStaffOrClient";
}
