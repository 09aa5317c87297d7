using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_intake_forms_HostSearch",
                table: "intake_forms",
                columns: new[] { "HostSearchText", "ClientId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Search",
                table: "cases",
                columns: new[] { "Title", "Number", "ClientId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_intake_forms_HostSearch",
                table: "intake_forms");

            migrationBuilder.DropIndex(
                name: "IX_cases_Search",
                table: "cases");
        }
    }
}
