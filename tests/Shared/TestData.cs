namespace CaseManager.Tests.Shared;

/// <summary>The shared test captures: <c>../shared/testdata</c> beside the repository (or CASEMANAGER_TESTDATA).</summary>
public static class TestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Pcaps => Environment.GetEnvironmentVariable("CASEMANAGER_TESTDATA") is { Length: > 0 } configured
        ? Path.Combine(configured, "pcaps")
        : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata", "pcaps"));

    public static string Pcap(string name) => Path.Combine(Pcaps, name);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CaseManager.sln not found above " + AppContext.BaseDirectory);
    }
}
