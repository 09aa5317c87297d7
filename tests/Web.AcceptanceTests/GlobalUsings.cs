global using CaseManager.Tests.Shared;
global using CaseManager.Web.AcceptanceTests.Infrastructure;
global using CaseManager.Web.AcceptanceTests.Pages;
global using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
