using System.Reflection;
using NetArchTest.Rules;

namespace CaseManager.Architecture.Tests;

public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(CaseManager.Domain.Cases.IncidentCase).Assembly;
    private static readonly Assembly Application = typeof(CaseManager.Application.Common.Interfaces.IApplicationDbContext).Assembly;
    private static readonly Assembly Infrastructure = typeof(CaseManager.Infrastructure.Data.ApplicationDbContext).Assembly;

    [Fact]
    public void Domain_DependsOnNoOtherLayer() =>
        AssertNone(Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny("CaseManager.Application", "CaseManager.Infrastructure", "CaseManager.Web", "Microsoft.EntityFrameworkCore").GetResult());

    [Fact]
    public void Application_DependsOnNeitherInfrastructureNorWeb() =>
        AssertNone(Types.InAssembly(Application).ShouldNot().HaveDependencyOnAny("CaseManager.Infrastructure", "CaseManager.Web", "Hangfire", "Npgsql", "Microsoft.AspNetCore.Identity").GetResult());

    [Fact]
    public void Infrastructure_DoesNotDependOnWeb() =>
        AssertNone(Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("CaseManager.Web").GetResult());

    [Fact]
    public void DomainTypes_HaveNoPublicSetters()
    {
        var offenders = Domain.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("CaseManager.Domain", StringComparison.Ordinal) == true && !IsRecord(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void DomainEvents_AreSealedRecordsWithoutSetters()
    {
        var events = Domain.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseManager.Domain.Common.DomainEvent))).ToList();

        events.ShouldNotBeEmpty();
        events.ShouldAllBe(t => t.IsSealed && IsRecord(t));
        events.SelectMany(t => t.GetProperties()).Where(p => p.SetMethod != null && !IsInitOnly(p)).ShouldBeEmpty();
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit));

    private static void AssertNone(TestResult result) =>
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
}
