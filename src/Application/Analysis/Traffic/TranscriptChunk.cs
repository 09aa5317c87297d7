namespace CaseManager.Application.Analysis.Traffic;

/// <summary>A run of stream bytes in one direction, as text (Latin-1), like Wireshark's "Follow TCP Stream".</summary>
public sealed record TranscriptChunk(bool FromClient, string Text);
