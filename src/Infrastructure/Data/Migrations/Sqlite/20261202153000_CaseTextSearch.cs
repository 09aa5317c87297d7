using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search by "contains" through FTS5 trigram indexes (SqliteApplicationDbContext.CasesContaining and
    /// IndicatorValuesContaining) instead of reading every case and indicator. Each index is an external-content FTS5 table
    /// over a table with an INTEGER PRIMARY KEY (stable rowids, which VACUUM keeps); triggers keep documents and indexes
    /// current with every write to cases, intake forms and indicators, whoever writes them.
    /// </summary>
    public partial class CaseTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE case_search_docs (
                    id INTEGER PRIMARY KEY,
                    case_id TEXT NOT NULL UNIQUE,
                    number TEXT NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT,
                    hosts TEXT);
                CREATE VIRTUAL TABLE case_search USING fts5(number, title, description, hosts,
                    content = 'case_search_docs', content_rowid = 'id', tokenize = 'trigram');

                CREATE TRIGGER case_search_docs_ai AFTER INSERT ON case_search_docs BEGIN
                    INSERT INTO case_search (rowid, number, title, description, hosts)
                    VALUES (new.id, new.number, new.title, new.description, new.hosts);
                END;
                CREATE TRIGGER case_search_docs_ad AFTER DELETE ON case_search_docs BEGIN
                    INSERT INTO case_search (case_search, rowid, number, title, description, hosts)
                    VALUES ('delete', old.id, old.number, old.title, old.description, old.hosts);
                END;
                CREATE TRIGGER case_search_docs_au AFTER UPDATE ON case_search_docs BEGIN
                    INSERT INTO case_search (case_search, rowid, number, title, description, hosts)
                    VALUES ('delete', old.id, old.number, old.title, old.description, old.hosts);
                    INSERT INTO case_search (rowid, number, title, description, hosts)
                    VALUES (new.id, new.number, new.title, new.description, new.hosts);
                END;

                CREATE TRIGGER cases_search_ai AFTER INSERT ON cases BEGIN
                    INSERT INTO case_search_docs (case_id, number, title, description, hosts)
                    VALUES (new.Id, new.Number, new.Title, new.Description, (SELECT HostSearchText FROM intake_forms WHERE CaseId = new.Id));
                END;
                CREATE TRIGGER cases_search_au AFTER UPDATE OF Number, Title, Description ON cases
                WHEN old.Number IS NOT new.Number OR old.Title IS NOT new.Title OR old.Description IS NOT new.Description BEGIN
                    UPDATE case_search_docs SET number = new.Number, title = new.Title, description = new.Description WHERE case_id = new.Id;
                END;
                CREATE TRIGGER cases_search_ad AFTER DELETE ON cases BEGIN
                    DELETE FROM case_search_docs WHERE case_id = old.Id;
                END;
                CREATE TRIGGER intake_forms_search_ai AFTER INSERT ON intake_forms BEGIN
                    UPDATE case_search_docs SET hosts = new.HostSearchText WHERE case_id = new.CaseId;
                END;
                CREATE TRIGGER intake_forms_search_au AFTER UPDATE OF HostSearchText ON intake_forms
                WHEN old.HostSearchText IS NOT new.HostSearchText BEGIN
                    UPDATE case_search_docs SET hosts = new.HostSearchText WHERE case_id = new.CaseId;
                END;
                CREATE TRIGGER intake_forms_search_ad AFTER DELETE ON intake_forms BEGIN
                    UPDATE case_search_docs SET hosts = NULL WHERE case_id = old.CaseId;
                END;

                INSERT INTO case_search_docs (case_id, number, title, description, hosts)
                SELECT c.Id, c.Number, c.Title, c.Description, i.HostSearchText FROM cases AS c LEFT JOIN intake_forms AS i ON i.CaseId = c.Id;

                CREATE TABLE indicator_search_values (
                    id INTEGER PRIMARY KEY,
                    value TEXT NOT NULL UNIQUE);
                CREATE VIRTUAL TABLE indicator_search USING fts5(value,
                    content = 'indicator_search_values', content_rowid = 'id', tokenize = 'trigram');

                CREATE TRIGGER indicator_search_values_ai AFTER INSERT ON indicator_search_values BEGIN
                    INSERT INTO indicator_search (rowid, value) VALUES (new.id, new.value);
                END;
                CREATE TRIGGER indicator_search_values_ad AFTER DELETE ON indicator_search_values BEGIN
                    INSERT INTO indicator_search (indicator_search, rowid, value) VALUES ('delete', old.id, old.value);
                END;
                """);
            migrationBuilder.Sql(IndicatorTriggers("evidence_indicators"));
            migrationBuilder.Sql(IndicatorTriggers("case_indicators"));
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO indicator_search_values (value)
                SELECT Value FROM evidence_indicators UNION SELECT Value FROM case_indicators;
                """);
        }

        /// <summary>
        /// A value enters the vocabulary with the first row holding it and leaves it with the last (evidence or register),
        /// so the index never offers a value no case has.
        /// </summary>
        private static string IndicatorTriggers(string table) => $"""
            CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN
                INSERT OR IGNORE INTO indicator_search_values (value) VALUES (new.Value);
            END;
            CREATE TRIGGER {table}_search_au AFTER UPDATE OF Value ON {table}
            WHEN old.Value IS NOT new.Value BEGIN
                INSERT OR IGNORE INTO indicator_search_values (value) VALUES (new.Value);
                {ForgetUnusedOldValue}
            END;
            CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN
                {ForgetUnusedOldValue}
            END;
            """;

        private const string ForgetUnusedOldValue = """
            DELETE FROM indicator_search_values WHERE value = old.Value
                AND NOT EXISTS (SELECT 1 FROM evidence_indicators WHERE Value = old.Value)
                AND NOT EXISTS (SELECT 1 FROM case_indicators WHERE Value = old.Value);
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER case_indicators_search_ad;
                DROP TRIGGER case_indicators_search_au;
                DROP TRIGGER case_indicators_search_ai;
                DROP TRIGGER evidence_indicators_search_ad;
                DROP TRIGGER evidence_indicators_search_au;
                DROP TRIGGER evidence_indicators_search_ai;
                DROP TABLE indicator_search;
                DROP TABLE indicator_search_values;
                DROP TRIGGER intake_forms_search_ad;
                DROP TRIGGER intake_forms_search_au;
                DROP TRIGGER intake_forms_search_ai;
                DROP TRIGGER cases_search_ad;
                DROP TRIGGER cases_search_au;
                DROP TRIGGER cases_search_ai;
                DROP TABLE case_search;
                DROP TABLE case_search_docs;
                """);
        }
    }
}
