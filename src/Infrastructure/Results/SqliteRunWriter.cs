using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// Writes one run into a temporary SQLite file beside its final name: one table per result table, rows in the order the
/// analyser adds them under an <c>INTEGER PRIMARY KEY</c> (so natural-order pages are rowid ranges), no indexes, one
/// transaction, no journal. <see cref="CommitAsync"/> records the schemas and row counts and renames the file into
/// place; disposing without a commit deletes the temporary file, so a failed run leaves earlier runs untouched.
/// </summary>
/// <remarks>
/// The analysis does not wait for SQLite (ADR-003, "Writing"): each table encodes its rows into a buffer of typed values
/// (<see cref="RowBatch"/>, no boxing, texts as UTF-8), and full buffers go through a bounded queue to one writer thread
/// that binds them to prepared multi-row INSERT statements. The single-threaded analysis thus runs on one core and the
/// SQLite work on the other; when the writer falls <see cref="QueuedBatches"/> batches behind, the analysis waits.
/// A failure on the writer thread is thrown by the next row that fills a batch, or by <see cref="CommitAsync"/>.
/// </remarks>
internal sealed partial class SqliteRunWriter : IAnalysisRunWriter
{
    /// <summary>Bytes of encoded rows a table collects before its batch goes to the writer thread.</summary>
    public const int BatchBytes = 64 * 1024;

    /// <summary>Batches queued for the writer thread before the analysis waits (about 2 MiB).</summary>
    public const int QueuedBatches = 32;

    private readonly string _path;
    private readonly string _temporary;
    private readonly Action<string> _committed;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;
    private readonly List<TableWriter> _tables = [];
    private readonly Lock _gate = new();
    private readonly BlockingCollection<(TableWriter Table, RowBatch? Batch)> _queue = new(QueuedBatches);
    private readonly ConcurrentBag<RowBatch> _free = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Exception? _failure;
    private volatile bool _abandoned;
    private string? _summary;
    private bool _done;

    public SqliteRunWriter(string path, Action<string> committed)
    {
        _path = path;
        _committed = committed;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _temporary,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=FILE; PRAGMA cache_size=-16384;");
        Execute($"""
            CREATE TABLE {SqliteRunFile.TablesTable} (name TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, rows INTEGER NOT NULL);
            CREATE TABLE {SqliteRunFile.ColumnsTable} (table_name TEXT NOT NULL, ordinal INTEGER NOT NULL, name TEXT NOT NULL, type INTEGER NOT NULL, searchable INTEGER NOT NULL, PRIMARY KEY (table_name, ordinal));
            CREATE TABLE {SqliteRunFile.SummaryTable} (json TEXT NOT NULL);
            """);
        _transaction = _connection.BeginTransaction();

        // From here until the commit only the writer thread uses the connection.
        _thread = new Thread(WriteQueued) { IsBackground = true, Name = "result tables writer" };
        _thread.Start();
    }

    public IResultTableWriter Table(ResultTableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            ThrowIfDone();
            if (!Name().IsMatch(schema.Name) || schema.Columns.Count == 0 || schema.Columns.Any(c => !Name().IsMatch(c.Name)))
            {
                throw new ArgumentException($"Table '{schema.Name}': table and column names are lower-case snake_case and a table has columns.", nameof(schema));
            }

            if (_tables.Any(t => t.Schema.Name == schema.Name) || schema.Columns.Select(c => c.Name).Distinct().Count() != schema.Columns.Count)
            {
                throw new ArgumentException($"Table '{schema.Name}' is opened twice or names a column twice.", nameof(schema));
            }

            var writer = new TableWriter(this, schema);
            _tables.Add(writer);
            Enqueue(writer, null); // created on the writer thread, before any of its rows
            return writer;
        }
    }

    public void Summary(string json)
    {
        lock (_gate)
        {
            ThrowIfDone();
            _summary = json;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var table in _tables)
            {
                table.Flush();
            }

            _queue.CompleteAdding();
        }

        await _written.Task.ConfigureAwait(false);
        lock (_gate)
        {
            ThrowIfDone();
            ThrowIfFailed();
            for (var t = 0; t < _tables.Count; t++)
            {
                var table = _tables[t];
                Execute($"INSERT INTO {SqliteRunFile.TablesTable} (name, ordinal, rows) VALUES ($n, $o, $r)", ("$n", table.Schema.Name), ("$o", t), ("$r", table.Rows));
                for (var c = 0; c < table.Schema.Columns.Count; c++)
                {
                    var column = table.Schema.Columns[c];
                    Execute(
                        $"INSERT INTO {SqliteRunFile.ColumnsTable} (table_name, ordinal, name, type, searchable) VALUES ($t, $o, $n, $y, $s)",
                        ("$t", table.Schema.Name), ("$o", c), ("$n", column.Name), ("$y", (int)column.Type), ("$s", column.Searchable ? 1 : 0));
                }

                table.Dispose();
            }

            if (_summary is not null)
            {
                Execute($"INSERT INTO {SqliteRunFile.SummaryTable} (json) VALUES ($j)", ("$j", _summary));
            }

            _transaction!.Commit();
            _transaction.Dispose();
            _connection.Close();
            _connection.Dispose();
            _done = true;
            File.Move(_temporary, _path, overwrite: true);
            _committed(_path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _done = true;
            _abandoned = true;
            _queue.CompleteAdding();
        }

        await _written.Task.ConfigureAwait(false);
        foreach (var table in _tables)
        {
            table.Dispose();
        }

        _transaction?.Dispose();
        _connection.Close();
        _connection.Dispose();
        _queue.Dispose();
        File.Delete(_temporary);
    }

    private void ThrowIfDone() => ObjectDisposedException.ThrowIf(_done, this);

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"Writing the result tables failed: {failure.Message}", failure);
        }
    }

    /// <summary>Hands a table's full batch (or, with null, its creation) to the writer thread; waits while the queue is full.</summary>
    private void Enqueue(TableWriter table, RowBatch? batch)
    {
        ThrowIfDone();
        ThrowIfFailed();
        _queue.Add((table, batch));
    }

    private RowBatch RentBatch() => _free.TryTake(out var batch) ? batch : new RowBatch(BatchBytes);

    /// <summary>The writer thread: creates tables and inserts batches in the order they were queued, until the commit or disposal.</summary>
    private void WriteQueued()
    {
        try
        {
            foreach (var (table, batch) in _queue.GetConsumingEnumerable())
            {
                if (!_abandoned && _failure is null)
                {
                    try
                    {
                        if (batch is null)
                        {
                            table.Create();
                        }
                        else
                        {
                            table.Insert(batch);
                        }
                    }
                    catch (Exception ex)
                    {
                        _failure = ex;
                    }
                }

                if (batch is not null)
                {
                    batch.Clear();
                    _free.Add(batch);
                }
            }
        }
        finally
        {
            _written.TrySetResult();
        }
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "TEXT",
        ColumnType.Real => "REAL",
        _ => "INTEGER",
    };

    private void Check(int code)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"SQLite error {code}: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()}", code);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex Name();

    /// <summary>
    /// One result table: the analysis side encodes rows into the current batch (<see cref="IResultRowWriter"/>, or
    /// <see cref="Add"/> for boxed rows); the writer thread creates the table and inserts its batches.
    /// </summary>
    private sealed class TableWriter(SqliteRunWriter owner, ResultTableSchema schema) : IResultRowWriter, IDisposable
    {
        /// <summary>Rows per multi-row INSERT (fewer statement executions; SQLite allows 32,766 parameters).</summary>
        private const int RowsPerStatement = 32;

        private readonly int _width = schema.Columns.Count;
        private RowBatch? _batch;
        private int _column;
        private int _rowStart;
        private sqlite3_stmt? _one;
        private sqlite3_stmt? _many;

        public ResultTableSchema Schema { get; } = schema;

        public long Rows { get; private set; }

        public void Add(params object?[] values)
        {
            ArgumentNullException.ThrowIfNull(values);
            if (values.Length != _width)
            {
                throw new ArgumentException($"Table '{Schema.Name}' has {_width} columns, the row {values.Length} values.", nameof(values));
            }

            try
            {
                foreach (var value in values)
                {
                    switch (value)
                    {
                        case null: Null(); break;
                        case string s: Text(s.AsSpan()); break;
                        case long l: Integer(l); break;
                        case int i: Integer(i); break;
                        case double d: Real(d); break;
                        case ulong u: Integer(unchecked((long)u)); break; // addresses above 2^63 wrap, read back as unsigned hex
                        case uint u: Integer(u); break;
                        case short s: Integer(s); break;
                        case ushort u: Integer(u); break;
                        case byte b: Integer(b); break;
                        case bool b: Integer(b ? 1 : 0); break;
                        case float f: Real(f); break;
                        case decimal m: Real((double)m); break;
                        default:
                            throw new ArgumentException($"Column '{Schema.Columns[_column].Name}': values are string, integer, double or null, not {value.GetType().Name}.", nameof(values));
                    }
                }
            }
            catch (ArgumentException)
            {
                DropRow();
                throw;
            }

            EndRow();
        }

        public void Integer(long value) => Next().Integer(value);

        public void Real(double value) => Next().Real(value);

        public void Text(string? value)
        {
            if (value is null)
            {
                Next().Null();
            }
            else
            {
                Next().Text(value.AsSpan());
            }
        }

        public void Text(ReadOnlySpan<char> value) => Next().Text(value);

        public void Null() => Next().Null();

        public void EndRow()
        {
            if (owner._done)
            {
                DropRow();
                owner.ThrowIfDone();
            }

            if (_column != _width)
            {
                var given = _column;
                DropRow();
                throw new ArgumentException($"Table '{Schema.Name}' has {_width} columns, the row {given} values.");
            }

            _column = 0;
            Rows++;
            _batch!.Rows++;
            _rowStart = _batch.Length;
            if (_batch.Length >= BatchBytes)
            {
                Flush();
            }
        }

        /// <summary>Hands the batch, if it holds rows, to the writer thread.</summary>
        public void Flush()
        {
            if (_batch is { Rows: > 0 } batch)
            {
                _batch = null;
                _rowStart = 0;
                owner.Enqueue(this, batch);
            }
        }

        /// <summary>Writer thread: the table and its INSERT statements.</summary>
        public void Create()
        {
            var columns = string.Join(", ", Schema.Columns.Select(c => $"\"{c.Name}\" {SqlType(c.Type)}"));
            owner.Check(raw.sqlite3_exec(owner._connection.Handle, $"CREATE TABLE \"{Schema.Name}\" ({SqliteRunFile.RowId} INTEGER PRIMARY KEY, {columns})"));
            var into = $"INSERT INTO \"{Schema.Name}\" ({string.Join(", ", Schema.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ";
            var values = $"({string.Join(", ", Schema.Columns.Select(_ => "?"))})";
            owner.Check(raw.sqlite3_prepare_v2(owner._connection.Handle, into + values, out _one));
            owner.Check(raw.sqlite3_prepare_v2(owner._connection.Handle, into + string.Join(", ", Enumerable.Repeat(values, RowsPerStatement)), out _many));
        }

        /// <summary>Writer thread: binds the batch's rows, <see cref="RowsPerStatement"/> per statement, then one by one.</summary>
        public void Insert(RowBatch batch)
        {
            var reader = new RowBatch.Reader(batch);
            var rows = batch.Rows;
            var many = SqliteBinding.Pointer(_many!);
            var one = SqliteBinding.Pointer(_one!);
            while (rows >= RowsPerStatement)
            {
                for (var i = 1; i <= RowsPerStatement * _width; i++)
                {
                    owner.Check(reader.Bind(many, i));
                }

                owner.Check(SqliteBinding.StepAndReset(many));
                rows -= RowsPerStatement;
            }

            for (; rows > 0; rows--)
            {
                for (var i = 1; i <= _width; i++)
                {
                    owner.Check(reader.Bind(one, i));
                }

                owner.Check(SqliteBinding.StepAndReset(one));
            }
        }

        public void Dispose()
        {
            _one?.Dispose();
            _many?.Dispose();
        }

        private RowBatch Next()
        {
            if (_column >= _width)
            {
                DropRow();
                throw new ArgumentException($"Table '{Schema.Name}' has {_width} columns; the row has more values.");
            }

            if (_batch is null)
            {
                lock (owner._gate)
                {
                    owner.ThrowIfDone();
                    owner.ThrowIfFailed();
                    _batch = owner.RentBatch();
                }
            }

            _column++;
            return _batch;
        }

        private void DropRow()
        {
            _batch?.Truncate(_rowStart);
            _column = 0;
        }
    }
}
