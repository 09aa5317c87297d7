global using CaseManager.Tests.Shared;
global using CaseManager.Web.FunctionalTests.Infrastructure;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
