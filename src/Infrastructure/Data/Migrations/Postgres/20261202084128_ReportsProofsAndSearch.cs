using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "clients",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "By",
                table: "case_timeline",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ExecutiveSummary = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    Recommendations = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSize = table.Column<long>(type: "bigint", nullable: false),
                    HtmlSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HtmlSize = table.Column<long>(type: "bigint", nullable: false),
                    PageCount = table.Column<int>(type: "integer", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetractedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RetractedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetractionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(1020)", maxLength: 1020, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ByClient = table.Column<bool>(type: "boolean", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
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
