using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <summary>
    /// Case titles and intake hosts are looked up in GiST trigram indexes with 256-byte signatures, as indicator values are
    /// (PostgresApplicationDbContext): their frequent trigrams ("incident", ".corp.example") have long GIN posting lists.
    /// </summary>
    public partial class SearchGist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_intake_forms_HostSearch_trgm",
                table: "intake_forms");
            migrationBuilder.Sql("CREATE INDEX \"IX_intake_forms_HostSearch_trgm\" ON intake_forms USING gist (\"HostSearchText\" gist_trgm_ops(siglen=256));");
            migrationBuilder.Sql("DROP INDEX \"IX_cases_Title_trgm\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_cases_Title_trgm\" ON cases USING gist (lower(\"Title\") gist_trgm_ops(siglen=256));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_cases_Title_trgm\";");
            migrationBuilder.Sql("CREATE INDEX \"IX_cases_Title_trgm\" ON cases USING gin (lower(\"Title\") gin_trgm_ops);");
            migrationBuilder.Sql("DROP INDEX \"IX_intake_forms_HostSearch_trgm\";");
            migrationBuilder.CreateIndex(
                name: "IX_intake_forms_HostSearch_trgm",
                table: "intake_forms",
                column: "HostSearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
