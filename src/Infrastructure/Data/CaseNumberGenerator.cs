using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using CaseManager.Domain.Cases;

namespace CaseManager.Infrastructure.Data;

/// <summary>
/// Allocates case numbers with one atomic <c>UPDATE … RETURNING</c> per number, which both SQLite
/// (database write lock) and PostgreSQL (row lock) serialise, so parallel requests never share a number.
/// A number whose case is then not saved leaves a gap; numbers are never reused.
/// </summary>
internal sealed class CaseNumberGenerator(ApplicationDbContext db) : ICaseNumberGenerator
{
    public async Task<CaseNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != ConnectionState.Open;
        if (openedHere)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using (var insert = Command(connection, "INSERT INTO case_number_sequences (year, last_value) VALUES (@year, 0) ON CONFLICT (year) DO NOTHING", year))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var next = Command(connection, "UPDATE case_number_sequences SET last_value = last_value + 1 WHERE year = @year RETURNING last_value", year);
            var value = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return CaseNumber.From(year, value);
        }
        finally
        {
            if (openedHere)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private DbCommand Command(DbConnection connection, string sql, int year)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        return command;
    }
}
