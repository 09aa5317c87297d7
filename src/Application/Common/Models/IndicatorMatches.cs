using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Common.Models;

/// <summary>
/// The indicators whose value contains a term (<see cref="Interfaces.IApplicationDbContext.IndicatorsContainingAsync"/>):
/// those analyses found in evidence and the entries of cases' IOC registers. <see cref="Cut"/> says the store looked up
/// only the first of the many values holding the term.
/// </summary>
public sealed record IndicatorMatches(IQueryable<EvidenceIndicator> Evidence, IQueryable<CaseIndicator> Registers, bool Cut);
