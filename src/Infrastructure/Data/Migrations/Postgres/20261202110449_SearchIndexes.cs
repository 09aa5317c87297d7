using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_intake_forms_HostSearch_trgm",
                table: "intake_forms",
                column: "HostSearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // Expression indexes the model cannot hold (PostgresApplicationDbContext): the search's lower(…) LIKE '%term%'.
            migrationBuilder.Sql("CREATE INDEX \"IX_cases_Title_trgm\" ON cases USING gin (lower(\"Title\") gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_cases_Description_trgm\" ON cases USING gin (lower(\"Description\") gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_cases_Description_trgm\";");
            migrationBuilder.Sql("DROP INDEX \"IX_cases_Title_trgm\";");

            migrationBuilder.DropIndex(
                name: "IX_intake_forms_HostSearch_trgm",
                table: "intake_forms");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
