namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>What <see cref="DnsTcpParser"/> (and the UDP path) reports.</summary>
internal interface IDnsEvents
{
    void OnDnsMessage(Flow flow, bool fromA, ReadOnlySpan<byte> message, string transport);
}

/// <summary>What <see cref="HttpStreamParser"/> reports.</summary>
internal interface IHttpEvents
{
    void OnHttpRequest(Flow flow, bool fromA, string method, string uri, string? host, string? userAgent);

    /// <summary>Matches a response status to the oldest open request; returns that request's method.</summary>
    string? OnHttpResponse(Flow flow, bool fromA, int status);

    void OnHttpAuthorization(Flow flow, bool fromA, string authorization, string? host);
}

/// <summary>What <see cref="TlsClientHelloParser"/> reports.</summary>
internal interface ITlsEvents
{
    void OnTlsClientHello(Flow flow, bool fromA, string? sni, string ja3String);
}
