namespace CaseManager.Infrastructure.Evidence;

/// <summary>Where and how much evidence is stored; bound from the "Evidence" configuration section.</summary>
public sealed class EvidenceStorageOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Absolute directory outside any web root; uploads/ and objects/ are created beneath it.</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>Largest accepted upload in bytes (20 GiB by default).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}
