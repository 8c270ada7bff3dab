using System.Globalization;

namespace Beacon.Enrichment.Providers;

/// <summary>Collects <c>provider.field</c> values as invariant text, skipping what the provider left empty.</summary>
internal sealed class FieldList(string provider)
{
    private readonly List<EnrichedField> _fields = [];

    public IReadOnlyList<EnrichedField> Fields => _fields;

    public FieldList Add(string name, string? value, double confidence)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            _fields.Add(new EnrichedField($"{provider}.{name}", value.Trim(), confidence));
        }

        return this;
    }

    public FieldList Add(string name, double? value, double confidence) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture), confidence);

    public FieldList Add(string name, bool? value, double confidence) =>
        Add(name, value is null ? null : value.Value ? "true" : "false", confidence);
}
