using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>
/// Builds triage bundles in memory in the layout of docs/triage-bundle.md: the manifest first, with the SHA-256 of
/// every member, then the members; as tar.gz (the Linux collector) or zip (the Windows collector).
/// </summary>
internal sealed class TriageBundleBuilder
{
    private readonly List<(string Name, byte[] Data, DateTimeOffset Modified)> _files = [];
    private readonly List<TarEntry> _rawEntries = [];

    public string Os { get; init; } = "linux";

    public string Host { get; init; } = "web01";

    public DateTimeOffset CollectedAt { get; init; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Manifest hashes to replace (member → wrong hash).</summary>
    public Dictionary<string, string> WrongHashes { get; } = [];

    public TriageBundleBuilder Add(string name, string text, DateTimeOffset? modified = null) => Add(name, Encoding.UTF8.GetBytes(text), modified);

    public TriageBundleBuilder Add(string name, byte[] data, DateTimeOffset? modified = null)
    {
        _files.Add((name, data, modified ?? CollectedAt.AddDays(-100)));
        return this;
    }

    /// <summary>A tar entry added as-is after the listed members (links, devices, traversal names …).</summary>
    public TriageBundleBuilder Raw(TarEntry entry)
    {
        _rawEntries.Add(entry);
        return this;
    }

    public TriageBundleBuilder Tsv(string name, string header, params string[] rows) =>
        Add(name, header + "\n" + string.Join('\n', rows) + "\n");

    public byte[] Manifest()
    {
        var files = _files.ToDictionary(f => f.Name, f => WrongHashes.GetValueOrDefault(f.Name) ?? Convert.ToHexStringLower(SHA256.HashData(f.Data)));
        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["format"] = "casemgr-triage/1",
            ["os"] = Os,
            ["host"] = Host,
            ["collectedAt"] = CollectedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["collector"] = Os == "windows" ? "casemgr-collect.ps1" : "casemgr-collect.sh",
            ["version"] = "1.0",
            ["commands"] = Array.Empty<object>(),
            ["files"] = files,
        });
    }

    public byte[] TarGz()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(Manifest()) });
            foreach (var (name, data, modified) in _files)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data), ModificationTime = modified });
            }

            foreach (var entry in _rawEntries)
            {
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public byte[] Zip()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "manifest.json", Manifest(), CollectedAt);
            foreach (var (name, data, modified) in _files)
            {
                Write(zip, name, data, modified);
            }
        }

        return output.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] data, DateTimeOffset modified)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = modified;
        using var stream = entry.Open();
        stream.Write(data);
    }
}
