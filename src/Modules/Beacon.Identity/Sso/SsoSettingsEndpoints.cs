using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Identity.Tokens;
using Beacon.Identity.Users;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary><c>GET/PUT /api/v1/sso</c>: the brokerage's identity provider, owners and admins only.</summary>
internal static class SsoSettingsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/sso", GetAsync).RequireAuthorization(Policies.Admin).WithTags("Single sign-on")
            .WithName("GetSsoSettings")
            .WithSummary("The brokerage's single sign-on settings (never the client secret) and the redirect URI to register.");
        api.MapPut("/sso", PutAsync).RequireAuthorization(Policies.Admin).WithTags("Single sign-on")
            .WithName("SaveSsoSettings")
            .WithSummary("Save the brokerage's OpenID Connect provider; its discovery document is checked first.");
    }

    private static async Task<Ok<SsoSettingsResponse>> GetAsync(ClaimsPrincipal user, Db db, IOptions<AuthOptions> auth,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(Describe(await SsoSettings.ReadAsync(conn, user.TenantId(), null, ct), auth.Value));
    }

    private static async Task<Results<Ok<SsoSettingsResponse>, ValidationProblem>> PutAsync(SsoSettingsRequest request,
        ClaimsPrincipal user, Db db, KeyProtector protector, DiscoveryCheck discovery, IOptions<AuthOptions> auth,
        TimeProvider clock, CancellationToken ct)
    {
        var domains = request.AllowedDomains.Select(d => SsoDomains.Normalise(d ?? "")).Distinct(StringComparer.Ordinal).ToArray();
        if (Refusal(request, domains, user.Role()) is { } refusal)
        {
            return refusal;
        }

        // Asked before the transaction opens: a slow provider must not hold a database connection.
        var issuer = new Uri(request.Issuer.Trim());
        if (await discovery.ProblemWithAsync(issuer, ct) is { } problem)
        {
            return ProblemResults.Field("issuer", problem);
        }

        var tenantId = user.TenantId();
        await using var tx = await db.BeginAsync(tenantId, ct);
        var stored = await SsoSettings.ReadAsync(tx.Connection, tenantId, tx.Transaction, ct);
        if (string.IsNullOrEmpty(request.ClientSecret) && stored is null)
        {
            return ProblemResults.Field("clientSecret", "Enter the client secret the provider issued for Beacon.");
        }

        var taken = await tx.Connection.QuerySingleAsync<string[]>(new CommandDefinition(
            "SELECT identity.claim_sso_domains(@domains)", new { domains }, tx.Transaction, cancellationToken: ct));
        if (taken.Length > 0)
        {
            return ProblemResults.Field("allowedDomains",
                $"Another brokerage signs in with {string.Join(", ", taken)}; a domain can belong to one brokerage only.");
        }

        var secret = string.IsNullOrEmpty(request.ClientSecret)
            ? stored!.ClientSecret
            : SsoSettings.Seal(protector, tenantId, request.ClientSecret);
        var saved = await tx.Connection.QuerySingleAsync<SsoSettings>(new CommandDefinition($"""
            INSERT INTO identity.sso_settings AS s (tenant_id, enabled, issuer, client_id, client_secret, allowed_domains,
                                                    default_role, sso_only, updated_at, updated_by)
            VALUES (@tenantId, @Enabled, @issuer, @clientId, @secret, @domains, @DefaultRole, @SsoOnly, @now, @by)
            ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled, issuer = excluded.issuer,
                client_id = excluded.client_id, client_secret = excluded.client_secret,
                allowed_domains = excluded.allowed_domains, default_role = excluded.default_role,
                sso_only = excluded.sso_only, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            RETURNING {SsoSettings.Columns}
            """, new
        {
            tenantId,
            request.Enabled,
            issuer = issuer.AbsoluteUri.TrimEnd('/'),
            clientId = request.ClientId.Trim(),
            secret,
            domains,
            request.DefaultRole,
            request.SsoOnly,
            now = clock.GetUtcNow(),
            by = user.UserId(),
        }, tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Describe(saved, auth.Value));
    }

    private static ValidationProblem? Refusal(SsoSettingsRequest request, string[] domains, string actorRole)
    {
        if (!Uri.TryCreate(request.Issuer.Trim(), UriKind.Absolute, out var issuer)
            || issuer.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            return ProblemResults.Field("issuer", "Enter the provider's issuer address, such as https://login.example.com.");
        }

        if (domains.Length == 0)
        {
            return ProblemResults.Field("allowedDomains",
                "Name at least one e-mail domain (such as example.com) whose people sign in through this provider.");
        }

        if (domains.FirstOrDefault(d => !SsoDomains.IsValid(d)) is { } bad)
        {
            return ProblemResults.Field("allowedDomains", $"\"{bad}\" is not an e-mail domain (such as example.com).");
        }

        if (!RoleRules.CanGrant(actorRole, request.DefaultRole) || request.DefaultRole == Roles.Owner)
        {
            return ProblemResults.Field("defaultRole", "Choose a role below your own: admin (owners only), team_lead, agent or read_only.");
        }

        return request.SsoOnly && !request.Enabled
            ? ProblemResults.Field("ssoOnly", "Single sign-on must be enabled before password sign-in can be turned off.")
            : null;
    }

    private static SsoSettingsResponse Describe(SsoSettings? s, AuthOptions auth)
    {
        var redirect = auth.PublicUrl.TrimEnd('/') + SsoPaths.Callback;
        return s is null
            ? new SsoSettingsResponse(false, false, "", "", false, [], Roles.Agent, false, redirect, null)
            : new SsoSettingsResponse(true, s.Enabled, s.Issuer, s.ClientId, true, s.AllowedDomains, s.DefaultRole,
                s.SsoOnly, redirect, s.UpdatedAt);
    }
}
