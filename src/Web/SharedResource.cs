namespace CaseManager.Web;

/// <summary>Marker for the UI's one resource set: keys are the English text, <c>Resources/SharedResource.zh-CN.resx</c> holds Chinese.</summary>
public sealed class SharedResource;
