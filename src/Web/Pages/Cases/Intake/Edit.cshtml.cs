using CaseManager.Web.Pages.Shared.Intake;

namespace CaseManager.Web.Pages.Cases.Intake;

public sealed class EditModel(ISender sender) : IntakeEditorPageModel(sender, staff: true);
