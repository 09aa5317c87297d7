using CaseManager.Domain.Cases;

namespace CaseManager.Domain.Classification;

/// <summary>Where one of our incident types sits in the published taxonomies.</summary>
/// <param name="Type">Our type.</param>
/// <param name="Key">Its stable key (API, rules file).</param>
/// <param name="Rsit">RSIT "classification / type" (lower-case, as the taxonomy writes them); null when outside it.</param>
/// <param name="GbClass">GB/T 20986-2023 class (事件类别) and, where one fits, its sub-class; null when outside it.</param>
public sealed record TaxonomyMapping(IncidentType Type, string Key, string? Rsit, string? GbClass);

/// <summary>Our incident types and their counterparts in RSIT and GB/T 20986, and the severity grades of GB/T 20986.</summary>
public static class IncidentTaxonomy
{
    public static IReadOnlyList<TaxonomyMapping> All { get; } =
    [
        new(IncidentType.NotSecurityEvent, "not-security-event", null, null),
        new(IncidentType.Ransomware, "ransomware", "Malicious Code / infected-system; Availability / sabotage", "恶意程序事件 / 勒索软件事件"),
        new(IncidentType.Cryptomining, "cryptomining", "Fraud / unauthorised-use-of-resources; Malicious Code / infected-system", "恶意程序事件"),
        new(IncidentType.Botnet, "botnet", "Malicious Code / c2-server; Malicious Code / infected-system", "恶意程序事件 / 僵尸网络事件"),
        new(IncidentType.DenialOfService, "dos", "Availability / dos; Availability / ddos", "网络攻击事件 / 拒绝服务攻击事件"),
        new(IncidentType.NetworkOutage, "network-outage", "Availability / outage", "设备设施故障事件"),
        new(IncidentType.WebIntrusion, "web-intrusion", "Intrusions / application-compromise", "网络攻击事件 / 后门攻击事件"),
        new(IncidentType.BruteForce, "brute-force", "Intrusion Attempts / brute-force; Intrusions / unprivileged-account-compromise", "网络攻击事件"),
        new(IncidentType.DataTheft, "data-theft", "Information Content Security / data-leak; data-loss", "数据安全事件 / 数据窃取事件"),
        new(IncidentType.Phishing, "phishing", "Fraud / phishing", "网络攻击事件 / 网络钓鱼事件"),
        new(IncidentType.TargetedIntrusion, "targeted-intrusion", "Intrusions / system-compromise", "网络攻击事件"),
        new(IncidentType.Other, "other", "Other / other", "其他事件"),
    ];

    public static TaxonomyMapping For(IncidentType type) => All.Single(m => m.Type == type);

    /// <summary>The stable key of a type (as the API and the rules file write it), e.g. <c>cryptomining</c>.</summary>
    public static string Key(this IncidentType type) => For(type).Key;

    public static IncidentType? FromKey(string? key) => All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase))?.Type;

    /// <summary>A classification's timeline subject: the type's key, with the family in brackets ("ransomware (LockBit)").</summary>
    public static string Subject(IncidentType type, string? family) => family is null ? type.Key() : $"{type.Key()} ({family})";

    /// <summary>A subject written by <see cref="Subject"/> read back: its type (null for an unknown key) and family.</summary>
    public static (IncidentType? Type, string? Family) ParseSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var parts = subject.Split(' ', 2);
        var family = parts.Length > 1 ? parts[1].Trim().TrimStart('(').TrimEnd(')') : null;
        return (FromKey(parts[0]), string.IsNullOrEmpty(family) ? null : family);
    }

    /// <summary>GB/T 20986 grade (级别) for a case severity: I 特别重大 … IV 一般.</summary>
    public static string GbGrade(Severity severity) => severity switch
    {
        Severity.Critical => "I 特别重大",
        Severity.High => "II 重大",
        Severity.Medium => "III 较大",
        _ => "IV 一般",
    };
}
