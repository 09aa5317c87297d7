using CaseManager.Domain.Cases;

namespace CaseManager.Application.Common.Interfaces;

/// <summary>Hands out the next <c>IR-YYYY-NNNN</c> number; safe when many requests ask at once.</summary>
public interface ICaseNumberGenerator
{
    Task<CaseNumber> NextAsync(int year, CancellationToken cancellationToken);
}
