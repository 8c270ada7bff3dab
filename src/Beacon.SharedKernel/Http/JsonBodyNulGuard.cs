using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// Refuses a JSON body holding U+0000 anywhere (a value or a property name) with 400 naming the field, on every route
/// that carries request validation and before any handler reads it: also the handlers that read their body
/// themselves (lead capture hashes it for Idempotency-Key), which the bound-value check cannot see.
/// </summary>
public static class JsonBodyNulGuard
{
    public static IApplicationBuilder UseJsonBodyNulGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequestValidationMetadata>() is null
            || (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
            || (request.ContentType is not null && !request.HasJsonContentType()))
        {
            await next(http);
            return;
        }

        // Read once (the body limits still apply while reading), then hand the same bytes on to the endpoint.
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        buffer.Position = 0;
        request.Body = buffer;
        http.Response.RegisterForDispose(buffer);
        var fields = JsonNulScanner.Find(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (fields.Count == 0)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new HttpValidationProblemDetails(fields.Distinct().ToDictionary(f => f, _ => new[] { NulCharacters.Message }))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
        });
    });
}

/// <summary>Paths (<c>tags[1]</c>, <c>address.street</c>) of the JSON strings and names that hold U+0000.</summary>
internal static class JsonNulScanner
{
    public static List<string> Find(ReadOnlySpan<byte> json)
    {
        var found = new List<string>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        frames[^1].Name = null;
                        if (reader.ValueIsEscaped && HasNul(name))
                        {
                            found.Add(PathOf(frames));
                        }

                        frames[^1].Name = name;
                        break;
                    default:
                        // A NUL can only arrive escaped (raw control characters are not valid JSON): unescaped text needs no look.
                        Advance(frames);
                        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && HasNul(reader.GetString()!))
                        {
                            found.Add(PathOf(frames));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or too deep): binding answers that with its own 400; nothing here to add.
        }

        return found;
    }

    private static bool HasNul(string text) => text.Contains('\0', StringComparison.Ordinal);

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new System.Text.StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is not null)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Name);
            }
        }

        return path.Length == 0 ? "$" : path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
