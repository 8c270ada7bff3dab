using System.Reflection;
using System.Text.Json.Nodes;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.Server.Hosting;

/// <summary>
/// Turns <see cref="WireValuesAttribute"/> on a string property into the schema's <c>enum</c>, so the web app's
/// generated types know the stages, activity types … and a drift between them fails its type check.
/// </summary>
internal sealed class WireValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var values = context.JsonPropertyInfo?.AttributeProvider is ICustomAttributeProvider provider
            ? provider.GetCustomAttributes(typeof(WireValuesAttribute), inherit: false).OfType<WireValuesAttribute>().FirstOrDefault()
            : null;
        if (values is null)
        {
            return Task.CompletedTask;
        }

        var list = values.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToList();
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            // With an enum, a nullable property must list null too, or the schema would refuse the nulls it sends.
            list.Add(null);
        }

        schema.Enum = list!;
        return Task.CompletedTask;
    }
}
