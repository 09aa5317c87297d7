namespace CaseManager.Application.Common.Security;

/// <summary>A message only background jobs send (the current user reports IsSystem).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SystemRequestAttribute : Attribute;
