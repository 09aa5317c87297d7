using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Remediation;
using Microsoft.Extensions.Options;
using ValidationException = CaseManager.Application.Common.Exceptions.ValidationException;

namespace CaseManager.Application.Remediation.Commands;

/// <summary>
/// Attaches a proof file (a screenshot, a log excerpt) to an item. Staff reach every item; a client user only the items
/// assigned to their organisation (others are "not found"). A file over <see cref="RemediationProofOptions.MaxProofBytes"/>
/// is refused before anything is stored. The bytes go to the evidence store (outside the web root, content-addressed by
/// SHA-256, read-only); the SHA-256 is recorded with the proof.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record AttachRemediationProofCommand(Guid ItemId, string FileName, long Length, Stream Content) : ICommand<Guid>;

public sealed class AttachRemediationProofCommandHandler(
    IApplicationDbContext db, IEvidenceStore store, IOptions<RemediationProofOptions> options, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AttachRemediationProofCommand, Guid>
{
    public const string TooLarge = "The proof file is over the size limit; nothing was stored.";
    public const string Empty = "The proof file is empty.";

    public async ValueTask<Guid> Handle(AttachRemediationProofCommand command, CancellationToken cancellationToken)
    {
        var item = await db.RemediationItems.SingleOrDefaultAsync(i => i.Id == command.ItemId, cancellationToken)
            ?? throw new NotFoundException(nameof(RemediationItem), command.ItemId);
        if (command.Length <= 0)
        {
            throw new ValidationException("File", Empty);
        }

        if (command.Length > options.Value.MaxProofBytes)
        {
            throw new ValidationException("File", TooLarge);
        }

        var now = clock.GetUtcNow();
        try
        {
            RemediationProof.CheckFileName(command.FileName);   // before any byte is stored
        }
        catch (DomainException ex)
        {
            throw new ValidationException("File", ex.Message);
        }

        var upload = await store.BeginUploadAsync(command.Length, cancellationToken);
        StoredContent stored;
        try
        {
            var written = await store.AppendAsync(upload, 0, command.Content, cancellationToken);
            if (written != command.Length)
            {
                throw new ValidationException("File", "The proof file arrived incomplete; nothing was stored.");
            }

            stored = await store.CompleteAsync(upload, cancellationToken);
        }
        catch (EvidenceRejectedException)
        {
            await store.AbortAsync(upload, CancellationToken.None);
            throw new ValidationException("File", TooLarge);
        }
        catch
        {
            await store.AbortAsync(upload, CancellationToken.None);
            throw;
        }

        var proof = RemediationProof.Attach(item, command.FileName, stored.Size, stored.Sha256, currentUser.AuditName, now);
        db.RemediationProofs.Add(proof);
        await db.SaveChangesAsync(cancellationToken);
        return proof.Id;
    }
}

public sealed class AttachRemediationProofCommandValidator : AbstractValidator<AttachRemediationProofCommand>
{
    public AttachRemediationProofCommandValidator()
    {
        RuleFor(c => c.ItemId).NotEmpty();
        RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a file.");
    }
}

/// <summary>A proof file to send back as an attachment.</summary>
public sealed record RemediationProofDownload(Guid CaseId, string FileName, string Sha256, Stream Content);

/// <summary>
/// Opens a proof for download: staff any, a client user only the proofs of items assigned to their organisation (others
/// are "not found"). The stored bytes are re-hashed first; a file that no longer matches its SHA-256 is refused.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record DownloadRemediationProofQuery(Guid CaseId, Guid ProofId) : IQuery<RemediationProofDownload>;

public sealed class DownloadRemediationProofQueryHandler(IApplicationDbContext db, IEvidenceStore store) : IQueryHandler<DownloadRemediationProofQuery, RemediationProofDownload>
{
    public async ValueTask<RemediationProofDownload> Handle(DownloadRemediationProofQuery query, CancellationToken cancellationToken)
    {
        var caseId = new Domain.Cases.CaseId(query.CaseId);
        var proof = await db.RemediationProofs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProofId && p.CaseId == caseId, cancellationToken);
        if (proof is null || !await db.RemediationItems.AnyAsync(i => i.Id == proof.ItemId, cancellationToken))
        {
            throw new NotFoundException(nameof(RemediationProof), query.ProofId);
        }

        if (!await store.VerifyAsync(proof.Sha256, cancellationToken))
        {
            throw new Evidence.Commands.DownloadEvidence.EvidenceIntegrityException(proof.Sha256);
        }

        return new RemediationProofDownload(query.CaseId, proof.FileName, proof.Sha256, store.OpenRead(proof.Sha256));
    }
}
