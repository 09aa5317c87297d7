namespace CaseManager.Application.Analysis.Traffic;

/// <summary>
/// An IRC session found by content on any TCP port (a client <c>NICK</c> line). <see cref="Transcript"/>
/// is the reassembled client/server exchange, bounded to its first bytes (see <see cref="TranscriptTruncated"/>).
/// </summary>
public sealed record IrcSessionRecord(
    int Stream,
    TrafficEndpoint Client,
    TrafficEndpoint Server,
    string? ServerName,
    IReadOnlyList<string> Nicks,
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Topics,
    int PrivateMessages,
    IReadOnlyList<TranscriptChunk> Transcript,
    bool TranscriptTruncated);
