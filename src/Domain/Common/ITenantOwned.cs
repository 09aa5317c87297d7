using CaseManager.Domain.Clients;

namespace CaseManager.Domain.Common;

/// <summary>Data that belongs to one client organisation; client users only ever see their own.</summary>
public interface ITenantOwned
{
    ClientId ClientId { get; }
}
