using System.Reflection;
using Beacon.Contracts.Events;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Architecture;

/// <summary>The rules that keep the modular monolith modular, checked by reflection over the real assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    /// <summary>The kernel, the contracts and module-free libraries (the learning code and its LightGBM peer for `model eval`).</summary>
    private static readonly string[] Shared = ["Beacon.SharedKernel", "Beacon.Contracts", "Beacon.Learning", "Beacon.Learning.LightGbm"];

    public static IReadOnlyList<Assembly> Modules { get; } = typeof(Program).Assembly.GetReferencedAssemblies()
        .Where(a => a.Name!.StartsWith("Beacon.", StringComparison.Ordinal) && !Shared.Contains(a.Name))
        .Select(Assembly.Load)
        .ToList();

    [Fact]
    public void The_server_hosts_modules()
    {
        Modules.Select(m => m.GetName().Name).ShouldContain("Beacon.Identity");
    }

    [Fact]
    public void A_module_references_only_the_shared_kernel_contracts_and_module_free_libraries()
    {
        foreach (var module in Modules)
        {
            var beaconReferences = module.GetReferencedAssemblies()
                .Select(a => a.Name!)
                .Where(n => n.StartsWith("Beacon.", StringComparison.Ordinal));
            beaconReferences.ShouldBeSubsetOf(Shared, $"{module.GetName().Name} reaches into another module");
        }
    }

    [Fact]
    public void Module_free_libraries_reference_no_module()
    {
        foreach (var name in Shared)
        {
            var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name!)
                .Where(n => n.StartsWith("Beacon.", StringComparison.Ordinal));
            references.ShouldBeSubsetOf(Shared, name);
        }
    }

    [Fact]
    public void Integration_events_are_sealed_records_with_a_wire_name()
    {
        var events = typeof(IntegrationEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract).ToList();
        events.ShouldNotBeEmpty();
        foreach (var type in events)
        {
            type.IsSealed.ShouldBeTrue(type.Name);
            type.GetMethod("<Clone>$").ShouldNotBeNull($"{type.Name} is a record");
            type.GetCustomAttribute<EventNameAttribute>().ShouldNotBeNull(type.Name);
        }

        events.Select(t => t.GetCustomAttribute<EventNameAttribute>()!.Name).ShouldBeUnique();
    }

    [Fact]
    public void Endpoint_classes_are_static()
    {
        var endpoints = Modules.SelectMany(m => m.GetTypes())
            .Where(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal) || t.Name.EndsWith("Endpoints", StringComparison.Ordinal))
            .ToList();
        endpoints.ShouldNotBeEmpty();
        foreach (var type in endpoints)
        {
            (type.IsAbstract && type.IsSealed).ShouldBeTrue($"{type.FullName} should be a static class");
        }
    }

    [Fact]
    public void Only_contracts_and_kernel_types_are_public_in_modules()
    {
        foreach (var module in Modules)
        {
            var publicTypes = module.GetExportedTypes()
                .Where(t => !t.Name.EndsWith("Module", StringComparison.Ordinal) && t.Namespace?.Contains(".Demo", StringComparison.Ordinal) != true)
                .Select(t => t.FullName);
            publicTypes.ShouldBeEmpty($"{module.GetName().Name} exposes types beyond its registration class");
        }
    }
}
