using System.Security.Claims;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary>
/// What Beacon adds to the handler's validation (signature, issuer, audience, expiry, nonce, state and PKCE are the
/// handler's): the provider must vouch for the e-mail address, and its domain must be one the brokerage allows. A
/// sign-in that passes becomes a one-time hand-off the web app collects; any refusal lands on the web app's error page.
/// </summary>
internal sealed class SsoEvents(Db db, TimeProvider clock, IOptions<AuthOptions> auth,
    IOptions<SsoOptions> options)
{
    public const string TenantItem = "beacon.tenant";
    public const string EmailItem = "beacon.email";

    private string PublicUrl => auth.Value.PublicUrl.TrimEnd('/');

    public OpenIdConnectEvents For(SsoSettings settings) => new()
    {
        OnRedirectToIdentityProvider = context =>
        {
            // The registered address, not one built from this request's Host header (the handler keeps what is
            // set here for the code redemption).
            context.ProtocolMessage.RedirectUri = PublicUrl + SsoPaths.Callback;
            context.ProtocolMessage.LoginHint = context.Properties.Items.TryGetValue(EmailItem, out var hint) ? hint : null;
            return Task.CompletedTask;
        },
        OnTicketReceived = async context =>
        {
            var target = await AcceptAsync(settings, context.Principal!, context.HttpContext.RequestAborted);
            context.Response.Redirect(target);
            context.HandleResponse();
        },
        OnRemoteFailure = context =>
        {
            context.Response.Redirect(SsoRefusal.ErrorPage(PublicUrl, SsoRefusal.Of(context.Failure)));
            context.HandleResponse();
            return Task.CompletedTask;
        },
    };

    /// <summary>Where the browser goes next: the web app's completion page with a hand-off, or its error page.</summary>
    private async Task<string> AcceptAsync(SsoSettings settings, ClaimsPrincipal principal, CancellationToken ct)
    {
        var email = principal.FindFirst("email")?.Value is { Length: > 0 and <= 254 } e ? EmailAddresses.Normalise(e) : null;
        if (email is null || !email.Contains('@', StringComparison.Ordinal))
        {
            return SsoRefusal.ErrorPage(PublicUrl, SsoRefusal.EmailMissing);
        }

        if (!string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return SsoRefusal.ErrorPage(PublicUrl, SsoRefusal.EmailUnverified);
        }

        if (!settings.AllowsDomainOf(email))
        {
            return SsoRefusal.ErrorPage(PublicUrl, SsoRefusal.DomainNotAllowed);
        }

        var name = principal.FindFirst("name")?.Value?.Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, 120)] : email;
        var token = SecretToken.Create(SecretToken.SsoHandoffPrefix, settings.TenantId);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(settings.TenantId, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM identity.sso_handoffs WHERE tenant_id = @tenant AND expires_at < @now;
            INSERT INTO identity.sso_handoffs (tenant_id, id, token_hash, email, display_name, created_at, expires_at)
            VALUES (@tenant, @id, @hash, @email, @name, @now, @expires);
            """, new
        {
            tenant = settings.TenantId,
            id = Guid.CreateVersion7(),
            hash = SecretToken.Hash(token),
            email,
            name,
            now,
            expires = now + options.Value.HandoffLifetime,
        }, tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return PublicUrl + SsoPaths.CompletePage + "#handoff=" + token;
    }
}
