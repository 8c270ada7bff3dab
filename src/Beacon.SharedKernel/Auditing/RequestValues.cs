using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Auditing;

/// <summary>
/// The values a mutating request brought (its bound request records and route values), with secrets masked: what an
/// audit entry shows as "after" when no integration event describes the change.
/// </summary>
internal sealed class RequestValues
{
    private static readonly string[] SecretWords = ["password", "token", "secret", "key_hash", "keyhash"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly (int Position, string Name)[] _bound;

    private RequestValues((int, string)[] bound) => _bound = bound;

    public static RequestValues For(EndpointFilterFactoryContext context)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var bound = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Position: i))
            .Where(x => IsRequestRecord(x.Parameter.ParameterType) && services?.IsService(x.Parameter.ParameterType) != true)
            .Select(x => (x.Position, x.Parameter.Name ?? "value"))
            .ToArray();
        return new RequestValues(bound);
    }

    public JsonObject? Capture(EndpointFilterInvocationContext invocation)
    {
        if (_bound.Length == 0)
        {
            return null;
        }

        var values = new JsonObject();
        foreach (var (position, name) in _bound)
        {
            if (invocation.Arguments[position] is { } argument)
            {
                values[name] = Mask(JsonSerializer.SerializeToNode(argument, argument.GetType(), Json));
            }
        }

        // One request record (the usual case) is shown as itself, not under its parameter's name.
        return values.Count == 1 && values.First().Value is JsonObject only ? (JsonObject)only.DeepClone() : values;
    }

    private static bool IsRequestRecord(Type type) =>
        type.IsClass && type.Assembly.GetName().Name?.StartsWith("Beacon.", StringComparison.Ordinal) == true
        && type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null
        && type.GetMethod("<Clone>$") is not null;

    private static JsonNode? Mask(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                obj[name] = SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
                    ? value is null ? null : "***"
                    : Mask(value?.DeepClone());
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                array[i] = Mask(array[i]?.DeepClone());
            }
        }

        return node;
    }
}
