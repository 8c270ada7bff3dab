using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// Finds U+0000 in bound request values: strings, our request records at any depth, lists, dictionaries and JSON
/// values. PostgreSQL text and jsonb cannot hold it, so such a request would otherwise fail as a 500 at the database.
/// Fields are named as the client wrote them: <c>message</c>, <c>tags[1]</c>, <c>customFields.notes.inner[0]</c>.
/// </summary>
internal static class NulCharacters
{
    public const string Message = "The text contains a NUL character (U+0000), which cannot be stored.";

    // Bodies nest a few levels; the bound stops a pathological document from costing more than it is worth.
    private const int MaxDepth = 64;
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    /// <summary>Whether values of this type can carry text we would store (so the filter inspects them).</summary>
    public static bool MayCarryText(Type type) =>
        type == typeof(string) || type == typeof(JsonElement) || IsOurs(type) || typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Adds the path of every string holding U+0000 under <paramref name="value"/> to <paramref name="found"/>.</summary>
    public static void Find(object? value, string path, List<string> found) => Walk(value, path, found, 0);

    private static void Walk(object? value, string path, List<string> found, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return;
        }

        switch (value)
        {
            case string text:
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    found.Add(path.Length == 0 ? "$" : path);
                }

                break;
            case JsonElement json:
                WalkJson(json, path, found, depth);
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString() ?? "";
                    Walk(key, path, found, depth + 1);
                    Walk(entry.Value, Member(path, key), found, depth + 1);
                }

                break;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{index++}]", found, depth + 1);
                }

                break;
            default:
                if (IsOurs(value.GetType()))
                {
                    foreach (var (name, property) in PropertiesOf(value.GetType()))
                    {
                        Walk(property.GetValue(value), Member(path, name), found, depth + 1);
                    }
                }

                break;
        }
    }

    private static void WalkJson(JsonElement json, string path, List<string> found, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                Walk(json.GetString(), path, found, depth);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    WalkJson(item, $"{path}[{index++}]", found, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    Walk(property.Name, path, found, depth + 1);
                    WalkJson(property.Value, Member(path, property.Name), found, depth + 1);
                }

                break;
        }
    }

    private static string Member(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool IsOurs(Type type) =>
        !type.IsPrimitive && !type.IsEnum && type.Assembly.GetName().Name?.StartsWith("Beacon.", StringComparison.Ordinal) == true;

    // Only auto-properties (a record's data): computed ones derive from them and may not expect invalid input.
    private static (string Name, PropertyInfo Property)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod?.IsDefined(typeof(CompilerGeneratedAttribute)) == true)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
            .ToArray());
}
