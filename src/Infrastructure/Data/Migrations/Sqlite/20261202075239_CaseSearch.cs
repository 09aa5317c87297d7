using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Existing intakes: their hosts' names and addresses, as IntakeForm.SearchTextOf writes them on every save.
            migrationBuilder.Sql("""
                UPDATE intake_forms SET HostSearchText = COALESCE((
                    SELECT group_concat(v, char(10)) FROM (
                        SELECT DISTINCT lower(trim(x.value)) AS v FROM (
                            SELECT json_extract(h.value, '$.hostname') AS value FROM json_each(intake_forms.Data, '$.hosts') AS h
                            UNION ALL
                            SELECT a.value FROM json_each(intake_forms.Data, '$.hosts') AS h, json_each(h.value, '$.ipAddresses') AS a) AS x
                        WHERE x.value IS NOT NULL AND trim(x.value) <> '')), '');
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
