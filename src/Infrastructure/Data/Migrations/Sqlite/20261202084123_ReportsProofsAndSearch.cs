using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsProofsAndSearch : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "clients",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "By",
                table: "case_timeline",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ExecutiveSummary = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    Recommendations = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PdfSize = table.Column<long>(type: "INTEGER", nullable: false),
                    HtmlSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HtmlSize = table.Column<long>(type: "INTEGER", nullable: false),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetractedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RetractedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetractionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_reports_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "remediation_proofs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 1020, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_proofs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_remediation_proofs_remediation_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "remediation_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_report_downloads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByClient = table.Column<bool>(type: "INTEGER", nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_report_downloads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_report_downloads_case_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "case_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_report_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_report_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_report_history_case_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "case_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Phase_Severity_ClientId",
                table: "cases",
                columns: new[] { "Phase", "Severity", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_report_downloads_CaseId_ReportId",
                table: "case_report_downloads",
                columns: new[] { "CaseId", "ReportId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_report_downloads_ReportId",
                table: "case_report_downloads",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_case_report_history_ReportId",
                table: "case_report_history",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_case_reports_CaseId_Version",
                table: "case_reports",
                columns: new[] { "CaseId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remediation_proofs_ItemId",
                table: "remediation_proofs",
                column: "ItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_report_downloads");

            migrationBuilder.DropTable(
                name: "case_report_history");

            migrationBuilder.DropTable(
                name: "remediation_proofs");

            migrationBuilder.DropTable(
                name: "case_reports");

            migrationBuilder.DropIndex(
                name: "IX_cases_Phase_Severity_ClientId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "HostSearchText",
                table: "intake_forms");

            migrationBuilder.DropColumn(
                name: "PreferredLanguage",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "By",
                table: "case_timeline");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Phase",
                table: "cases",
                column: "Phase");
        }
    }
}
