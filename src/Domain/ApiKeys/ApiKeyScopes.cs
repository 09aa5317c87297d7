namespace CaseManager.Domain.ApiKeys;

/// <summary>What an API key may do, on top of (never beyond) its owner's rights.</summary>
[Flags]
public enum ApiKeyScopes
{
    None = 0,

    /// <summary>GET requests of the JSON API.</summary>
    Read = 1,

    /// <summary>The upload protocol (begin, chunks, offset, complete); with a case set, for that one case only (a collector key).</summary>
    Upload = 2,
}
