using CaseManager.Domain.Identity;

namespace CaseManager.Application.Administration.Queries.GetTwoFactorRequirement;

/// <summary>The staff roles that must use two-factor sign-in.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetTwoFactorRequirementQuery : IQuery<TwoFactorRequirementDto>;

public sealed record TwoFactorRequirementDto(bool Admins, bool Consultants);

public sealed class GetTwoFactorRequirementQueryHandler(ITwoFactorPolicy policy) : IQueryHandler<GetTwoFactorRequirementQuery, TwoFactorRequirementDto>
{
    public async ValueTask<TwoFactorRequirementDto> Handle(GetTwoFactorRequirementQuery query, CancellationToken cancellationToken)
    {
        policy.Invalidate();
        var roles = await policy.RequiredRolesAsync(cancellationToken);
        return new TwoFactorRequirementDto(roles.Contains(Roles.Admin), roles.Contains(Roles.Consultant));
    }
}
