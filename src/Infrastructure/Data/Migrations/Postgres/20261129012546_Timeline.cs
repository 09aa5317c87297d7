using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_timeline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UnixNanoseconds = table.Column<long>(type: "bigint", nullable: false),
                    Subject = table.Column<string>(type: "character varying(1020)", maxLength: 1020, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_timeline_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_case_timeline_evidence_items_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "evidence_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_timeline_CaseId_UnixNanoseconds",
                table: "case_timeline",
                columns: new[] { "CaseId", "UnixNanoseconds" });

            migrationBuilder.CreateIndex(
                name: "IX_case_timeline_EvidenceId",
                table: "case_timeline",
                column: "EvidenceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_timeline");
        }
    }
}
