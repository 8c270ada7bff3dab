using System.ComponentModel.DataAnnotations;
using Beacon.Contracts.Identity;
using Beacon.Identity.Sessions;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Sso;

internal sealed record SsoExchangeRequest([property: Required, StringLength(100), NoControlCharacters] string Handoff);

/// <summary>
/// The web app collects a verified single sign-on: the colleague is created on first sign-in (with the brokerage's
/// default role), their name follows the provider's on every sign-in, and Beacon's own session starts exactly as
/// a password sign-in's does. A POST, so it runs in the audit trail like every sign-in.
/// </summary>
internal static class SsoExchangeEndpoint
{
    public const string InvalidHandoff = "This sign-in link has expired or was already used. Sign in with SSO again.";

    public static void Map(IEndpointRouteBuilder auth) => auth.MapPost("/sso/exchange", HandleAsync)
        .WithTags("Single sign-on").WithName("CompleteSso")
        .WithSummary("Trade the one-time hand-off of a single sign-on for Beacon's access and refresh tokens.");

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        SsoExchangeRequest request, Db db, SessionService sessions, TimeProvider clock, CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Handoff, SecretToken.SsoHandoffPrefix, out var tenantId))
        {
            return ProblemResults.Field("handoff", InvalidHandoff);
        }

        await using var tx = await db.BeginAsync(tenantId, ct);
        var now = clock.GetUtcNow();
        var handoff = await tx.Connection.QuerySingleOrDefaultAsync<Handoff>(new CommandDefinition("""
            DELETE FROM identity.sso_handoffs WHERE tenant_id = @tenantId AND token_hash = @hash AND expires_at > @now
            RETURNING email, display_name AS DisplayName
            """, new { tenantId, hash = SecretToken.Hash(request.Handoff), now }, tx.Transaction, cancellationToken: ct));
        var settings = await SsoSettings.ReadAsync(tx.Connection, tenantId, tx.Transaction, ct);
        if (handoff is null || settings is not { Enabled: true })
        {
            return ProblemResults.Field("handoff", InvalidHandoff);
        }

        var (existingTenant, existingUser) = await tx.Connection.QuerySingleOrDefaultAsync<(Guid?, Guid)>(new CommandDefinition(
            "SELECT tenant_id, user_id FROM identity.find_login(@Email)", handoff, tx.Transaction, cancellationToken: ct));
        if (existingTenant is { } other && other != tenantId)
        {
            return ProblemResults.Conflict("This e-mail address has an account in another Beacon brokerage.",
                "Ask your Beacon administrator to move it, or sign in to that brokerage with its password.");
        }

        var user = existingTenant is null
            ? await JoinAsync(tx, handoff, settings.DefaultRole, now, ct)
            : await SyncAsync(tx, existingUser, handoff, now, ct);
        if (user is null)
        {
            return ProblemResults.Conflict("This account changed while you signed in.", "Sign in with SSO again.");
        }

        if (!user.Active)
        {
            return ProblemResults.Forbidden("Your Beacon account is deactivated. Ask your brokerage's administrator.");
        }

        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, user.Id);
        var tokens = await sessions.StartAsync(tx, user.Id, user.Role, user.SecurityStamp, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(tokens);
    }

    /// <summary>The first sign-in: the colleague joins with the default role and no password (they sign in through SSO).</summary>
    private static async Task<SignedIn?> JoinAsync(TenantTransaction tx, Handoff handoff, string role, DateTimeOffset now,
        CancellationToken ct)
    {
        var userId = Guid.CreateVersion7();
        if (!await tx.Connection.QuerySingleAsync<bool>(new CommandDefinition("SELECT identity.claim_email(@email, @tenant, @userId)",
                new { email = handoff.Email, tenant = tx.TenantId, userId }, tx.Transaction, cancellationToken: ct)))
        {
            return null; // claimed a moment ago by a concurrent first sign-in or signup; the next attempt finds it
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, created_at, last_login_at)
            VALUES (@tenant, @userId, @Email, @DisplayName, '', @role, @now, @now)
            """, new { tenant = tx.TenantId, userId, handoff.Email, handoff.DisplayName, role, now }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new UserJoined(Guid.CreateVersion7(), tx.TenantId, now, userId, handoff.Email, handoff.DisplayName, role, null));
        return new SignedIn(userId, role, 1, true);
    }

    /// <summary>A returning colleague: the provider's name replaces ours (the provider is where people change it).</summary>
    private static async Task<SignedIn?> SyncAsync(TenantTransaction tx, Guid userId, Handoff handoff, DateTimeOffset now,
        CancellationToken ct) => await tx.Connection.QuerySingleOrDefaultAsync<SignedIn>(new CommandDefinition("""
            UPDATE identity.users SET display_name = @DisplayName, last_login_at = CASE WHEN active THEN @now ELSE last_login_at END
             WHERE tenant_id = @tenant AND id = @userId
            RETURNING id, role, security_stamp AS SecurityStamp, active
            """, new { tenant = tx.TenantId, userId, handoff.DisplayName, now }, tx.Transaction, cancellationToken: ct));

    private sealed record Handoff(string Email, string DisplayName);

    private sealed record SignedIn(Guid Id, string Role, int SecurityStamp, bool Active);
}
