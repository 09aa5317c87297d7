using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UploadOwnerAndActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastActivityAt",
                table: "evidence_uploads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "StartedById",
                table: "evidence_uploads",
                type: "TEXT",
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
