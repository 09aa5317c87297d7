using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Yara : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "yara_rule_sets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    RuleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_yara_rule_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "yara_rule_set_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleSetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    RuleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_yara_rule_set_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_yara_rule_set_versions_yara_rule_sets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "yara_rule_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_yara_rule_set_versions_RuleSetId_Version",
                table: "yara_rule_set_versions",
                columns: new[] { "RuleSetId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_yara_rule_sets_CaseId",
                table: "yara_rule_sets",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "yara_rule_set_versions");

            migrationBuilder.DropTable(
                name: "yara_rule_sets");
        }
    }
}
