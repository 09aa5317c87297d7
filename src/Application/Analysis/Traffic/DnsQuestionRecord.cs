namespace CaseManager.Application.Analysis.Traffic;

/// <summary>A DNS question: name, type mnemonic (<c>A</c>, <c>AAAA</c>, … or <c>TYPE123</c>) and numeric type.</summary>
public sealed record DnsQuestionRecord(string Name, string Type, int TypeCode);
