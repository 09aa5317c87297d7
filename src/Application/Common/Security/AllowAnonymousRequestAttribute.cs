namespace CaseManager.Application.Common.Security;

/// <summary>A message anybody may send, signed in or not.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
