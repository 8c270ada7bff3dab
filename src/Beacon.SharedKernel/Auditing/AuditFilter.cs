using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Auditing;

/// <summary>
/// Applied to every <c>/api/v1</c> group: a POST/PUT/PATCH/DELETE runs inside an <see cref="AuditScope"/>, so each
/// transaction it commits records its events in that transaction; a successful request whose transactions published
/// no event (single-statement writes, sign-in) gets one entry for the request right after the handler (ADR 0015).
/// </summary>
public static class AuditFilter
{
    private static readonly HashSet<string> Mutating = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static TBuilder WithAuditTrail<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var values = RequestValues.For(context);
            var fallbackName = context.MethodInfo.Name;
            return invocation =>
            {
                var http = invocation.HttpContext;
                var metadata = http.GetEndpoint()?.Metadata;
                if (!Mutating.Contains(http.Request.Method) || metadata?.GetMetadata<NotAuditedMetadata>() is not null)
                {
                    return next(invocation);
                }

                var action = metadata?.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? fallbackName;
                return RunAsync(invocation, next, action, values);
            };
        });

    /// <summary>Marks a mutating route that changes no business data (e.g. token refresh); the reason is documentation.</summary>
    public static TBuilder NotAudited<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new NotAuditedMetadata(reason));

    private static async ValueTask<object?> RunAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next,
        string action, RequestValues values)
    {
        var http = invocation.HttpContext;
        var scope = ScopeFor(http, action, values.Capture(invocation));
        var outer = AuditScope.Current;
        AuditScope.Current = scope;
        object? result;
        try
        {
            result = await next(invocation);
        }
        finally
        {
            AuditScope.Current = outer;
        }

        if (!scope.Recorded && scope.TenantId is { } tenant && Succeeded(result)
            && http.RequestServices.GetService<IAuditTrail>() is { } trail)
        {
            var db = http.RequestServices.GetRequiredService<Db>();
            await using var tx = await db.BeginAsync(tenant, CancellationToken.None);
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            var record = new AuditRecord(Guid.CreateVersion7(), clock.GetUtcNow(), scope.ActorKind, scope.ActorId, action,
                scope.SubjectType, scope.SubjectId, scope.RequestId, scope.ClientAddress,
                scope.RequestValues is { } v ? new System.Text.Json.Nodes.JsonObject { ["request"] = v.DeepClone() }.ToJsonString() : null);
            await trail.AppendAsync(tx.Connection, tx.Transaction, [record], CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        return result;
    }

    private static AuditScope ScopeFor(HttpContext http, string action, System.Text.Json.Nodes.JsonObject? values)
    {
        var user = http.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var kind = !signedIn ? AuditActorKinds.Anonymous : user.IsApiKey() ? AuditActorKinds.ApiKey : AuditActorKinds.User;
        Guid? actor = !signedIn ? null
            : user.IsApiKey() && Guid.TryParse(user.FindFirstValue(ClaimNames.ApiKeyId), out var key) ? key : user.UserId();
        var (subjectType, subjectId) = Subject(http);
        return new AuditScope(kind, actor, signedIn ? user.TenantId() : null, action, subjectType, subjectId,
            http.TraceIdentifier, http.Connection.RemoteIpAddress?.ToString(), values);
    }

    /// <summary>The resource the route names: <c>/api/v1/leads/{id}/…</c> → (<c>leads</c>, id).</summary>
    private static (string? Type, string? Id) Subject(HttpContext http)
    {
        var segments = (http.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = http.GetRouteData().Values;
        var id = values.TryGetValue("id", out var v) ? v?.ToString()
            : values.TryGetValue("version", out var version) ? version?.ToString()
            : values.TryGetValue("name", out var name) ? name?.ToString() : null;
        var at = id is null ? -1 : Array.IndexOf(segments, id);
        var type = at > 2 ? segments[at - 1] : segments.Length > 2 ? segments[2] : null;
        return (type is { Length: > 1 } && type.EndsWith('s') ? type[..^1] : type, id);
    }

    private static bool Succeeded(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is not IStatusCodeHttpResult { StatusCode: { } status } || status is >= 200 and < 300;
    }
}

internal sealed record NotAuditedMetadata(string Reason);
