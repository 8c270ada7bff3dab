using System.Reflection;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// Names the closed list of wire values a string property takes, so the OpenAPI document lists them as an
/// <c>enum</c> and generated clients get a union type. Documentation only: the handler still validates (often
/// leniently, e.g. trimmed and lower-cased), so the list lives in one static field both read.
/// </summary>
/// <param name="holder">The type declaring the list.</param>
/// <param name="field">A static <c>string[]</c> field or property of <paramref name="holder"/>.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WireValuesAttribute(Type holder, string field) : Attribute
{
    public IReadOnlyList<string> Values { get; } = Read(holder, field);

    private static string[] Read(Type holder, string field)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var value = holder.GetField(field, flags)?.GetValue(null) ?? holder.GetProperty(field, flags)?.GetValue(null);
        return value as string[]
            ?? throw new ArgumentException($"{holder.Name}.{field} is not a static string[].", nameof(field));
    }
}
