global using CaseManager.Application.Common.Exceptions;
global using CaseManager.Application.FunctionalTests.Infrastructure;
global using CaseManager.Tests.Shared;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
