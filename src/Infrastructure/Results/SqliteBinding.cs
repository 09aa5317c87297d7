using System.Runtime.InteropServices;
using SQLitePCL;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// The writer thread's per-value calls straight into the SQLite library that SQLitePCLRaw loaded (the same
/// <c>e_sqlite3</c>, resolved the same way), on the statement's raw pointer: no SafeHandle reference counting and, for
/// the bind calls (short, non-blocking, no callbacks), no GC transition. About ten calls a row make this worth it;
/// everything else (prepare, errors, finalize) stays on SQLitePCLRaw.
/// </summary>
internal static class SqliteBinding
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: SQLite reads the text where it is, when the statement is stepped.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    public static int Integer(IntPtr statement, int index, long value) => sqlite3_bind_int64(statement, index, value);

    public static int Real(IntPtr statement, int index, double value) => sqlite3_bind_double(statement, index, value);

    public static int Null(IntPtr statement, int index) => sqlite3_bind_null(statement, index);

    /// <summary>
    /// UTF-8 text, bound without a copy: the bytes must not move or change until the statement has been stepped (a
    /// pinned <see cref="RowBatch"/>, recycled only after its rows are inserted). An empty span binds '' (never NULL).
    /// </summary>
    public static int Text(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> empty = [0]; // constant data in the assembly image: it never moves
        return sqlite3_bind_text(statement, index, ref MemoryMarshal.GetReference(utf8.IsEmpty ? empty : utf8), utf8.Length, Static);
    }

    /// <summary>Runs the statement and resets it for the next rows.</summary>
    public static int StepAndReset(IntPtr statement)
    {
        var code = sqlite3_step(statement);
        var reset = sqlite3_reset(statement);
        return code == raw.SQLITE_DONE ? reset : code;
    }

    public static IntPtr Pointer(sqlite3_stmt statement) => statement.DangerousGetHandle();

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_double(IntPtr statement, int index, double value);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library), SuppressGCTransition]
    private static extern int sqlite3_bind_text(IntPtr statement, int index, ref byte text, int length, IntPtr destructor);

    [DllImport(Library)]
    private static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library)]
    private static extern int sqlite3_reset(IntPtr statement);
}
