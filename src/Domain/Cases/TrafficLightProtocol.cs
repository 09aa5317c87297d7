namespace CaseManager.Domain.Cases;

/// <summary>FIRST TLP 2.0 labels: who the case's information may be shared with.</summary>
public enum TrafficLightProtocol
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

public static class TrafficLightProtocolExtensions
{
    /// <summary>The label as FIRST writes it, e.g. <c>TLP:AMBER+STRICT</c>.</summary>
    public static string Label(this TrafficLightProtocol tlp) => tlp switch
    {
        TrafficLightProtocol.Clear => "TLP:CLEAR",
        TrafficLightProtocol.Green => "TLP:GREEN",
        TrafficLightProtocol.Amber => "TLP:AMBER",
        TrafficLightProtocol.AmberStrict => "TLP:AMBER+STRICT",
        TrafficLightProtocol.Red => "TLP:RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, null),
    };
}
