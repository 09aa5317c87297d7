namespace CaseManager.Application.Clients.Commands.CreateClient;

/// <summary>A contact as entered on the client form.</summary>
public sealed record ContactInput(string Name, string? Role, string? Phone, string? Email);
