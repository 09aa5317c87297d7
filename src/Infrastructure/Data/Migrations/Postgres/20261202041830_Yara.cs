using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    RuleCount = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_yara_rule_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "yara_rule_set_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    RuleCount = table.Column<int>(type: "integer", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
