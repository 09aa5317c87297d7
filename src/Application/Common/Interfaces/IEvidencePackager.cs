namespace CaseManager.Application.Common.Interfaces;

/// <summary>Packs executable evidence for download as an AES-256 encrypted zip with the industry password "infected".</summary>
public interface IEvidencePackager
{
    public const string Password = "infected";

    Task WriteEncryptedZipAsync(Stream content, string entryName, Stream destination, CancellationToken cancellationToken);
}
