namespace CaseManager.Application.Analysis.Memory;

/// <summary>Receives extracted strings. <c>text</c> holds one byte per character (0x09, 0x20-0x7e) and is only valid during the call.</summary>
public interface IStringSink
{
    void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text);
}
