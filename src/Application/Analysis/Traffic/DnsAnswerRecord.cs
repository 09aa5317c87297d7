namespace CaseManager.Application.Analysis.Traffic;

/// <summary>A DNS answer record; <see cref="Value"/> is filled for A, AAAA, CNAME, NS, PTR, MX and TXT.</summary>
public sealed record DnsAnswerRecord(string Name, string Type, int TypeCode, string? Value);
