namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

/// <summary>Memory measurements are process-wide, so these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(EvidenceMemoryCollection), DisableParallelization = true)]
public sealed class EvidenceMemoryCollection;
