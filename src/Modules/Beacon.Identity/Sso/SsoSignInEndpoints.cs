using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary>
/// The browser's side of single sign-on: start (the e-mail's domain names the brokerage; the browser goes to its
/// provider with state, nonce and PKCE) and the provider's callback (validated by the handler; see <see cref="SsoEvents"/>).
/// Both answer with redirects, refusals included: a person is looking at this, not a program.
/// </summary>
internal static class SsoSignInEndpoints
{
    public static void Map(IEndpointRouteBuilder auth)
    {
        auth.MapGet("/sso/start", StartAsync).WithTags("Single sign-on").WithName("StartSso")
            .WithSummary("Start single sign-on for a work e-mail address: redirects to the brokerage's identity provider.");
        auth.MapGet("/sso/callback", CallbackAsync).WithTags("Single sign-on").WithName("SsoCallback")
            .WithSummary("Where the identity provider sends the browser back; redirects to the web app with a hand-off or a refusal.");
    }

    private static async Task<Results<EmptyHttpResult, RedirectHttpResult, ValidationProblem>> StartAsync(string? email,
        HttpContext http, Db db, TenantOidc oidc, IOptions<AuthOptions> auth, CancellationToken ct)
    {
        var address = email?.Trim();
        if (address is not { Length: > 2 and <= 254 } || address.IndexOf('@', StringComparison.Ordinal) is < 1 || address.EndsWith('@'))
        {
            return Beacon.SharedKernel.Http.ProblemResults.Field("email", "Enter your work e-mail address.");
        }

        var settings = await EnabledSettingsAsync(db, SsoDomains.Of(address), ct);
        if (settings is null)
        {
            return TypedResults.Redirect(SsoRefusal.ErrorPage(auth.Value.PublicUrl, SsoRefusal.NotConfigured));
        }

        var properties = new AuthenticationProperties { RedirectUri = "/" };
        properties.Items[SsoEvents.TenantItem] = settings.TenantId.ToString();
        properties.Items[SsoEvents.EmailItem] = EmailAddresses.Normalise(address);
        try
        {
            await (await oidc.HandlerAsync(settings, http)).ChallengeAsync(properties);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
        {
            // Discovery failed (the provider is down or no longer where the settings say).
            return TypedResults.Redirect(SsoRefusal.ErrorPage(auth.Value.PublicUrl, SsoRefusal.ProviderUnreachable));
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<EmptyHttpResult, RedirectHttpResult>> CallbackAsync(string? state, HttpContext http,
        Db db, TenantOidc oidc, IOptions<AuthOptions> auth, CancellationToken ct)
    {
        // The state names the brokerage; one that does not decrypt (missing, forged, cut) is refused before any call.
        var properties = oidc.State.Unprotect(state);
        string? tenant = null;
        if (properties?.Items.TryGetValue(SsoEvents.TenantItem, out tenant) != true || !Guid.TryParse(tenant, out var tenantId))
        {
            return TypedResults.Redirect(SsoRefusal.ErrorPage(auth.Value.PublicUrl, SsoRefusal.State));
        }

        await using var conn = await db.OpenAsync(tenantId, ct);
        var settings = await SsoSettings.ReadAsync(conn, tenantId, null, ct);
        await conn.CloseAsync();
        if (settings is not { Enabled: true })
        {
            return TypedResults.Redirect(SsoRefusal.ErrorPage(auth.Value.PublicUrl, SsoRefusal.NotConfigured));
        }

        var handled = await (await oidc.HandlerAsync(settings, http)).HandleRequestAsync();
        return handled ? TypedResults.Empty : TypedResults.Redirect(SsoRefusal.ErrorPage(auth.Value.PublicUrl, SsoRefusal.State));
    }

    private static async Task<SsoSettings?> EnabledSettingsAsync(Db db, string domain, CancellationToken ct)
    {
        Guid? tenantId;
        await using (var unscoped = await db.OpenUnscopedAsync(ct))
        {
            tenantId = await unscoped.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT identity.find_sso_tenant(@domain)", new { domain }, cancellationToken: ct));
        }

        if (tenantId is not { } id)
        {
            return null;
        }

        await using var conn = await db.OpenAsync(id, ct);
        var settings = await SsoSettings.ReadAsync(conn, id, null, ct);
        return settings is { Enabled: true } && settings.AllowedDomains.Contains(domain, StringComparer.Ordinal) ? settings : null;
    }
}
