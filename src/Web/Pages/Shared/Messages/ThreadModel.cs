using CaseManager.Application.Messages.Queries.ListCaseMessages;

namespace CaseManager.Web.Pages.Shared.Messages;

/// <summary>
/// The case's message thread (<c>Messages/_Thread</c>) on the staff case page and the portal case page. The form posts
/// to the page's <c>Message</c> handler; <see cref="Draft"/> keeps the text after a failed post.
/// </summary>
public sealed record ThreadModel(IReadOnlyList<CaseMessageDto> Messages, bool CanPost, bool ForClient, string? Draft = null);
