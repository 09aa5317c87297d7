using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseManager.Infrastructure.Audit;

/// <summary>
/// Appends to the hash-chained audit log. Each entry is written at once in its own scope (its own DbContext), so it neither
/// saves nor waits for the caller's pending changes; inside an open transaction of the caller's context it joins that
/// transaction instead (SQLite would otherwise wait for the caller's lock). The next sequence number is taken from the last
/// row (or the anchor); two writers racing for it collide on the unique index and the loser retries with a fresh read.
/// </summary>
internal sealed class AuditLog(
    IServiceScopeFactory scopes,
    ApplicationDbContext db,
    ICurrentUser currentUser,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILogger<AuditLog> logger) : IAuditLog
{
    private const int Attempts = 20;

    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.EventType);
        var actor = auditEvent.Actor ?? currentUser.AuditName;
        var actorId = auditEvent.Actor is null && !currentUser.IsSystem ? currentUser.UserId : auditEvent.ActorId;
        var address = auditEvent.IpAddress ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

        // The record must survive the caller's cancellation (a download whose client went away was still a download).
        var token = CancellationToken.None;
        if (db.Database.CurrentTransaction is not null)
        {
            await AppendAsync(db, auditEvent, actor, actorId, address, token);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            try
            {
                await AppendAsync(context, auditEvent, actor, actorId, address, token);
                return;
            }
            catch (DbUpdateException e) when (attempt < Attempts)
            {
                logger.LogDebug(e, "Audit append raced for the next sequence number (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), token);
            }
        }
    }

    private async Task AppendAsync(ApplicationDbContext context, AuditEvent auditEvent, string actor, string? actorId, string address, CancellationToken cancellationToken)
    {
        var last = await context.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        long sequence;
        string hash;
        if (last is not null)
        {
            (sequence, hash) = (last.Sequence, last.Hash);
        }
        else
        {
            var anchor = await context.AuditAnchors.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            (sequence, hash) = anchor is null ? (0L, AuditEntry.GenesisHash) : (anchor.Sequence, anchor.Hash);
        }

        var entry = AuditEntry.Append(sequence, hash, clock.GetUtcNow(), actor, actorId, auditEvent.EventType, auditEvent.Target, auditEvent.Details, address);
        context.AuditEntries.Add(entry);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            context.Entry(entry).State = EntityState.Detached;
            throw;
        }
    }
}
