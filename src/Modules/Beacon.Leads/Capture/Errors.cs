namespace Beacon.Leads.Capture;

/// <summary>Validation problems keyed by the field that caused them (the shape of RFC 9457 <c>errors</c>).</summary>
internal sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
    }

    public T? Fail<T>(string field, string message)
    {
        Add(field, message);
        return default;
    }

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray());
}
