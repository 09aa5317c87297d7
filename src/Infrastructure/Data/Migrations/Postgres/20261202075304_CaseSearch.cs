using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Phase",
                table: "cases");

            migrationBuilder.AddColumn<string>(
                name: "HostSearchText",
                table: "intake_forms",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Existing intakes: their hosts' names and addresses, as IntakeForm.SearchTextOf writes them on every save.
            migrationBuilder.Sql("""
                UPDATE intake_forms SET "HostSearchText" = COALESCE((
                    SELECT string_agg(DISTINCT x.v, E'\n') FROM (
                        SELECT lower(btrim(h.value ->> 'hostname')) AS v FROM jsonb_array_elements(intake_forms."Data"::jsonb -> 'hosts') AS h
                        UNION ALL
                        SELECT lower(btrim(a.value)) FROM jsonb_array_elements(intake_forms."Data"::jsonb -> 'hosts') AS h,
                            jsonb_array_elements_text(COALESCE(h.value -> 'ipAddresses', '[]'::jsonb)) AS a) AS x
                    WHERE x.v IS NOT NULL AND x.v <> ''), '');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_cases_Phase_Severity_ClientId",
                table: "cases",
                columns: new[] { "Phase", "Severity", "ClientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Phase_Severity_ClientId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "HostSearchText",
                table: "intake_forms");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Phase",
                table: "cases",
                column: "Phase");
        }
    }
}
