using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Beacon.Server.Hosting;

/// <summary>
/// ASP.NET Core's web JSON defaults read numbers from strings too (<c>AllowReadingFromString</c>), so the document
/// types every number as <c>["integer", "string"]</c> with a digits pattern. Beacon always writes numbers as numbers,
/// and clients should send them so: the document says number (the lenient reading stays, undocumented), and
/// generated clients get <c>number</c> instead of <c>number | string</c>.
/// </summary>
internal sealed class NumberSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
