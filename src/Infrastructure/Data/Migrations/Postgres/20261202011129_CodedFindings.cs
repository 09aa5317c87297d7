using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CodedFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Findings written before codes existed cannot be rendered in the reader's language: re-running the
            // analysis of an item writes its coded findings.
            migrationBuilder.Sql("DELETE FROM evidence_findings;");

            // The analyser column now holds the registry name alone (the version has its own column).
            migrationBuilder.Sql("UPDATE evidence_items SET \"Analyser\" = 'traffic' WHERE \"Analyser\" LIKE 'traffic %';");
            migrationBuilder.Sql("UPDATE evidence_items SET \"Analyser\" = 'memory' WHERE \"Analyser\" LIKE 'memory %';");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "evidence_findings");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "evidence_findings");

            migrationBuilder.AlterColumn<string>(
                name: "AnalysisMessage",
                table: "evidence_items",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnalyserVersion",
                table: "evidence_items",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Relevance",
                table: "evidence_indicators",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Severity becomes its number (PostgreSQL cannot cast the old text column in place).
            migrationBuilder.DropColumn(
                name: "Severity",
                table: "evidence_findings");

            migrationBuilder.AddColumn<int>(
                name: "Severity",
                table: "evidence_findings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Arguments",
                table: "evidence_findings",
                type: "character varying(16000)",
                maxLength: 16000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Attack",
                table: "evidence_findings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "evidence_findings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "evidence_findings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_evidence_findings_Code",
                table: "evidence_findings",
                column: "Code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evidence_findings_Code",
                table: "evidence_findings");

            migrationBuilder.DropColumn(
                name: "AnalyserVersion",
                table: "evidence_items");

            migrationBuilder.DropColumn(
                name: "Relevance",
                table: "evidence_indicators");

            migrationBuilder.DropColumn(
                name: "Arguments",
                table: "evidence_findings");

            migrationBuilder.DropColumn(
                name: "Attack",
                table: "evidence_findings");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "evidence_findings");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "evidence_findings");

            migrationBuilder.AlterColumn<string>(
                name: "AnalysisMessage",
                table: "evidence_items",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8000)",
                oldMaxLength: 8000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Severity",
                table: "evidence_findings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "evidence_findings",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "evidence_findings",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");
        }
    }
}
