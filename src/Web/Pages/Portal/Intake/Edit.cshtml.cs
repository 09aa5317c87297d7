using CaseManager.Web.Pages.Shared.Intake;

namespace CaseManager.Web.Pages.Portal.Intake;

public sealed class EditModel(ISender sender) : IntakeEditorPageModel(sender, staff: false);
