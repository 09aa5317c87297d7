using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace CaseManager.Infrastructure.Reports.Pdf;

/// <summary>
/// The report's faces for PDFsharp: DejaVu Sans (regular, bold) and DejaVu Sans Mono for Latin text, WenQuanYi Micro
/// Hei for Chinese. PDFsharp reads one TrueType face per byte array, so face 0 of <c>wqy-microhei.ttc</c> is cut out
/// into a standalone font. The resolver is installed once per process, before the first <c>XFont</c>.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Sans = "Report Sans";
    public const string Mono = "Report Mono";
    public const string Cjk = "Report CJK";

    private static readonly string[] Directories = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/wqy", "/usr/share/fonts/dejavu", "/usr/share/fonts/wqy-microhei"];
    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private PdfFonts()
    {
        _faces["sans"] = File.ReadAllBytes(Find("DejaVuSans.ttf"));
        _faces["sans-bold"] = File.ReadAllBytes(Find("DejaVuSans-Bold.ttf"));
        _faces["mono"] = File.ReadAllBytes(Find("DejaVuSansMono.ttf"));
        _faces["cjk"] = FirstFace(File.ReadAllBytes(Find("wqy-microhei.ttc")));
    }

    /// <summary>Installs the resolver (once per process).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }

            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
    {
        Sans => new FontResolverInfo(isBold ? "sans-bold" : "sans"),
        Mono => new FontResolverInfo("mono", isBold, false),
        Cjk => new FontResolverInfo("cjk", isBold, false),
        _ => new FontResolverInfo(isBold ? "sans-bold" : "sans"),
    };

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);

    private static string Find(string file) =>
        Directories.Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"The PDF report needs the font {file}: install fonts-dejavu-core and fonts-wqy-microhei (searched {string.Join(", ", Directories)}).");

    /// <summary>
    /// Face 0 of a TrueType collection as a standalone sfnt: its offset table and table records, each table copied
    /// and 4-byte aligned, offsets rewritten.
    /// </summary>
    internal static byte[] FirstFace(byte[] collection)
    {
        if (collection.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(collection) != 0x74746366) // 'ttcf'
        {
            return collection;
        }

        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(face + 4));
        var headerLength = 12 + (16 * tables);
        var records = new (uint Tag, uint Checksum, int Offset, int Length)[tables];
        var total = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var r = collection.AsSpan(face + 12 + (16 * i));
            records[i] = (BinaryPrimitives.ReadUInt32BigEndian(r), BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(r[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(r[12..]));
            total += (records[i].Length + 3) & ~3;
        }

        var output = new byte[total];
        collection.AsSpan(face, 12).CopyTo(output);
        var position = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = output.AsSpan(12 + (16 * i));
            BinaryPrimitives.WriteUInt32BigEndian(record, records[i].Tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], records[i].Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)records[i].Length);
            collection.AsSpan(records[i].Offset, records[i].Length).CopyTo(output.AsSpan(position));
            position += (records[i].Length + 3) & ~3;
        }

        return output;
    }
}
