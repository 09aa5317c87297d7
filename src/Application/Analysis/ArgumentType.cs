namespace CaseManager.Application.Analysis;

/// <summary>What a finding's argument holds, so it can be rendered, linked and matched by rules.</summary>
public enum ArgumentType
{
    Text = 0,
    Ip = 1,

    /// <summary><c>ip:port</c> (IPv6 as <c>[ip]:port</c>).</summary>
    Endpoint = 2,
    Domain = 3,
    Url = 4,
    Port = 5,
    Protocol = 6,
    Pid = 7,
    ProcessName = 8,
    Path = 9,
    Count = 10,
    Bytes = 11,
    Wallet = 12,
    Hash = 13,

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    Time = 14,

    /// <summary>A byte offset or address, rendered as hex.</summary>
    Offset = 15,
    Command = 16,
    Account = 17,

    /// <summary>A decimal number (rates, ratios, entropy).</summary>
    Number = 18,
}
