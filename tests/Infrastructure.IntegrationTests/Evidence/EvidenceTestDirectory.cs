namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

/// <summary>A fresh directory under the system temp folder, deleted (read-only objects included) on dispose.</summary>
internal sealed class EvidenceTestDirectory : IDisposable
{
    public EvidenceTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "casemanager-evidence-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
