using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Remediation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "playbook_templates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playbook_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "remediation_hosts",
                columns: table => new
                {
                    EvidenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_hosts", x => x.EvidenceId);
                    table.ForeignKey(
                        name: "FK_remediation_hosts_evidence_items_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "evidence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "remediation_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    PlaybookVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TextZh = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FindingCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Command = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvidenceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Host = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssigneeUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssignedToClient = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Proof = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VerifiedByEvidenceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StillPresentInEvidenceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverdueNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_remediation_items_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_playbook_templates_Type_Version",
                table: "playbook_templates",
                columns: new[] { "Type", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remediation_items_AssigneeUserId_DueOn",
                table: "remediation_items",
                columns: new[] { "AssigneeUserId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_items_CaseId_TargetKey",
                table: "remediation_items",
                columns: new[] { "CaseId", "TargetKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "playbook_templates");

            migrationBuilder.DropTable(
                name: "remediation_hosts");

            migrationBuilder.DropTable(
                name: "remediation_items");
        }
    }
}
