using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // GiST with 256-byte signatures (an operator class parameter the model cannot hold; PostgresApplicationDbContext).
            migrationBuilder.Sql("CREATE INDEX \"IX_evidence_indicators_Value_trgm\" ON evidence_indicators USING gist (\"Value\" gist_trgm_ops(siglen=256));");
            migrationBuilder.Sql("CREATE INDEX \"IX_case_indicators_Value_trgm\" ON case_indicators USING gist (\"Value\" gist_trgm_ops(siglen=256));");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Number_trgm",
                table: "cases",
                column: "Number")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_case_indicators_Value_trgm\";");
            migrationBuilder.Sql("DROP INDEX \"IX_evidence_indicators_Value_trgm\";");

            migrationBuilder.DropIndex(
                name: "IX_cases_Number_trgm",
                table: "cases");
        }
    }
}
