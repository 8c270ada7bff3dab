using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Beacon.Sandbox.Identity;

internal sealed record SandboxUserRequest([property: Required] string Id, [property: Required] string Email,
    [property: Required] string Name, bool EmailVerified = true);

internal sealed record SandboxClientRequest([property: Required] string ClientId, [property: Required] string ClientSecret,
    [property: Required] string[] RedirectUris);

/// <summary>
/// Test controls of the identity provider under <c>/_sandbox/identity</c>, loopback callers only (like the
/// providers' <c>/_sandbox</c>): add a person, register a client with its callback, spoil the next id_token.
/// </summary>
internal static class IdentityProviderAdmin
{
    public static void MapIdentityProviderAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sandbox/identity").AddEndpointFilter(async (context, next) =>
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.Problem("The sandbox admin API answers loopback callers only.", statusCode: 403);
        });
        group.MapGet("/users", (SandboxUsers users) => Results.Ok(users.All));
        group.MapPost("/users", (SandboxUserRequest r, SandboxUsers users) =>
        {
            users.Put(new SandboxUser(r.Id, r.Email, r.Name, r.EmailVerified));
            return Results.NoContent();
        });
        group.MapPost("/clients", async (SandboxClientRequest r, IServiceProvider services, CancellationToken ct) =>
        {
            await IdentityProviderClients.RegisterAsync(services, r.ClientId, r.ClientSecret, r.RedirectUris, ct);
            return Results.NoContent();
        });
        group.MapPost("/next-id-token", (IdTokenTamper tamper, IdTokenTampering tampering) =>
        {
            tampering.Arm(tamper);
            return Results.NoContent();
        });
    }
}
