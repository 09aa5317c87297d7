using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadOwnerAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastActivityAt",
                table: "evidence_uploads",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "StartedById",
                table: "evidence_uploads",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            // Uploads under way keep their start as last activity, so the expiry job does not end them at once.
            migrationBuilder.Sql("UPDATE evidence_uploads SET \"LastActivityAt\" = \"StartedAt\"");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_uploads_LastActivityAt",
                table: "evidence_uploads",
                column: "LastActivityAt");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_uploads_StartedById",
                table: "evidence_uploads",
                column: "StartedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evidence_uploads_LastActivityAt",
                table: "evidence_uploads");

            migrationBuilder.DropIndex(
                name: "IX_evidence_uploads_StartedById",
                table: "evidence_uploads");

            migrationBuilder.DropColumn(
                name: "LastActivityAt",
                table: "evidence_uploads");

            migrationBuilder.DropColumn(
                name: "StartedById",
                table: "evidence_uploads");
        }
    }
}
