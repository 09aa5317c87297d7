namespace CaseManager.Web.AcceptanceTests.Walk;

/// <summary>Who walks: a role, or nobody signed in.</summary>
public enum Walker
{
    Anonymous,
    Admin,
    Consultant,
    Client,
}

/// <summary>One page of the walk: a name for its screenshot, its address (ids from <see cref="DemoData"/>) and who may open it.</summary>
public sealed record WalkPage(string Name, string Path, params Walker[] Walkers);

/// <summary>
/// EVERY PAGE OF THE APPLICATION, IN ONE PLACE. Add a row for each page you build (and for the bad-input variants it
/// needs); <see cref="PageWalkTests"/> visits each row for each of its walkers in English and Simplified Chinese.
/// Left out: the Hangfire dashboard (/admin/jobs, third-party, English only) and the sign-out form.
/// </summary>
public static class WalkPages
{
    private static readonly Walker[] Staff = [Walker.Admin, Walker.Consultant];
    private static readonly Walker[] Client = [Walker.Client];
    private static readonly Walker[] Everyone = [Walker.Admin, Walker.Consultant, Walker.Client];

    public static IReadOnlyList<WalkPage> For(DemoData d) =>
    [
        new("login", "/Account/Login", Walker.Anonymous),

        // Staff
        new("dashboard", "/", Staff),
        new("cases", "/Cases", Staff),
        new("cases-search", "/Cases?Search=10.0.0", Staff),
        new("case-create", "/Cases/Create", Staff),
        new("case", $"/Cases/Details/{d.CaseId}", Staff),
        new("case-edit", $"/Cases/Edit/{d.CaseId}", Staff),
        new("intake", $"/Cases/Intake/Edit/{d.CaseId}", Staff),
        new("intake-history", $"/Cases/Intake/History/{d.CaseId}", Staff),
        new("intake-print", $"/Cases/Intake/Print/{d.CaseId}", Staff),
        new("evidence", $"/Cases/Evidence/Index/{d.CaseId}", Staff),
        new("evidence-item", $"/Cases/Evidence/Details/{d.IrcEvidenceId}", Staff),
        new("traffic", $"/Cases/Evidence/Traffic/{d.IrcEvidenceId}", Staff),
        new("traffic-irc", $"/Cases/Evidence/Traffic/{d.IrcEvidenceId}?table=irc", Staff),
        new("transcript", $"/Cases/Evidence/Transcript/{d.IrcEvidenceId}?stream={d.IrcStream}", Staff),
        new("memory", $"/Cases/Evidence/Memory/{d.CoreEvidenceId}", Staff),
        new("traffic-exact-host", $"/Cases/Evidence/Traffic/{d.IrcEvidenceId}?host=192.168.6.110&table=conversations", Staff),
        new("classification", $"/Cases/Classification/Index/{d.CaseId}", Staff),
        new("indicators", $"/Cases/Indicators/Index/{d.CaseId}", Staff),
        new("remediation", $"/Cases/Remediation/Index/{d.CaseId}", Staff),
        new("timeline", $"/Cases/Timeline/Index/{d.CaseId}", Staff),
        new("notes", $"/Cases/Notes/Index/{d.CaseId}", Staff),
        new("activity", $"/Cases/Activity/Index/{d.CaseId}", Staff),
        new("case-yara", $"/Cases/Yara/Index/{d.CaseId}", Staff),
        new("search", "/Search?q=web-01", Staff),
        new("search-every-case", "/Search?q=IR-", Staff),   // every demo case, the unbreakable title and the long client name too
        new("case-closed", $"/Cases/Details/{d.Seed.CasesByPhase[CaseManager.Domain.Cases.CasePhase.Closed]}", Staff),
        new("client-long-name", $"/Clients/Edit/{d.Seed.LongClientId}", Staff),
        new("clients", "/Clients", Staff),
        new("client-create", "/Clients/Create", Staff),
        new("client-edit", $"/Clients/Edit/{d.ClientId}", Staff),
        new("api-docs", "/Docs/Api", Staff),
        new("reports", $"/Cases/Reports/Index/{d.CaseId}", Staff),

        // Admin
        new("users", "/Admin/Users", Walker.Admin),
        new("user-create", "/Admin/Users/Create", Walker.Admin),
        new("user-edit", $"/Admin/Users/Edit/{d.ConsultantId}", Walker.Admin),
        new("audit", "/Admin/Audit", Walker.Admin),
        new("security", "/Admin/Security", Walker.Admin),
        new("yara-rules", "/Admin/Yara", Walker.Admin),

        // Everyone signed in
        new("notifications", "/Notifications", Everyone),
        new("api-keys", "/Account/ApiKeys", Everyone),

        // Client portal
        new("portal", "/Portal", Client),
        new("portal-case", $"/Portal/Cases/Details/{d.CaseId}", Client),
        new("portal-intake", $"/Portal/Intake/Edit/{d.CaseId}", Client),
        new("portal-intake-print", $"/Portal/Intake/Print/{d.CaseId}", Client),
        new("portal-evidence", $"/Portal/Evidence/Index/{d.CaseId}", Client),
        new("portal-reports", $"/Portal/Reports/Index/{d.CaseId}", Client),
        new("portal-remediation", $"/Portal/Remediation/Index/{d.CaseId}", Client),

        // Bad input: very long names and titles with right-to-left text, an empty case, a 10,000-row table.
        new("case-long-rtl", $"/Cases/Details/{d.LongCaseId}", Staff),
        new("intake-long-rtl", $"/Cases/Intake/Edit/{d.LongCaseId}", Staff),
        new("portal-case-long-rtl", $"/Portal/Cases/Details/{d.LongCaseId}", Client),
        new("case-empty", $"/Cases/Details/{d.EmptyCaseId}", Staff),
        new("evidence-empty", $"/Cases/Evidence/Index/{d.EmptyCaseId}", Staff),
        new("portal-case-empty", $"/Portal/Cases/Details/{d.EmptyCaseId}", Client),
        new("traffic-10k-rows", $"/Cases/Evidence/Traffic/{d.ManyFlowsEvidenceId}", Staff),
        new("traffic-10k-rows-last-page", $"/Cases/Evidence/Traffic/{d.ManyFlowsEvidenceId}?p=200", Staff),
        new("traffic-10k-rows-one-host", $"/Cases/Evidence/Traffic/{d.ManyFlowsEvidenceId}?host=10.1.0.1&table=conversations", Staff),
    ];
}
