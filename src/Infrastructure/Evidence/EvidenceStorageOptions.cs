namespace CaseManager.Infrastructure.Evidence;

/// <summary>Where and how much evidence is stored; bound from the "Evidence" configuration section.</summary>
public sealed class EvidenceStorageOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Absolute directory outside any web root; uploads/ and objects/ are created beneath it.</summary>
    public string RootDirectory { get; set; } = string.Empty;

    /// <summary>Largest accepted upload in bytes (20 GiB by default).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Disk space never promised to uploads (1 GiB by default), so the database and the system keep room.</summary>
    public long ReservedFreeBytes { get; set; } = 1L * 1024 * 1024 * 1024;
}
