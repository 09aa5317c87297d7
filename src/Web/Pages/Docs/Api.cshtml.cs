using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace CaseManager.Web.Pages.Docs;

/// <summary>The JSON API at a glance for staff: every /api operation from the same description the OpenAPI document is built from.</summary>
public sealed class ApiModel(IApiDescriptionGroupCollectionProvider descriptions) : PageModel
{
    public const string DocumentUrl = "/api/openapi/v1.json";

    public IReadOnlyList<ApiDescription> Operations { get; private set; } = [];

    public void OnGet() => Operations = descriptions.ApiDescriptionGroups.Items
        .SelectMany(g => g.Items)
        .Where(d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
        .OrderBy(d => d.RelativePath, StringComparer.Ordinal)
        .ThenBy(d => d.HttpMethod, StringComparer.Ordinal)
        .ToList();
}
