using System.Data;
using System.Text;
using Beacon.Identity.Tokens;
using Dapper;

namespace Beacon.Identity.Sso;

/// <summary>
/// A brokerage's single sign-on configuration as stored (the client secret still encrypted). Properties, not a
/// positional record: Dapper maps <c>text[]</c> and <c>timestamptz</c> onto properties through its type handlers.
/// </summary>
internal sealed record SsoSettings
{
    public Guid TenantId { get; init; }

    public bool Enabled { get; init; }

    public string Issuer { get; init; } = "";

    public string ClientId { get; init; } = "";

    public byte[] ClientSecret { get; init; } = [];

    public string[] AllowedDomains { get; init; } = [];

    public string DefaultRole { get; init; } = "";

    public bool SsoOnly { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public const string Columns = """
        tenant_id AS TenantId, enabled, issuer, client_id AS ClientId, client_secret AS ClientSecret,
        allowed_domains AS AllowedDomains, default_role AS DefaultRole, sso_only AS SsoOnly, updated_at AS UpdatedAt
        """;

    public static async Task<SsoSettings?> ReadAsync(IDbConnection connection, Guid tenantId, IDbTransaction? tx,
        CancellationToken ct) => await connection.QuerySingleOrDefaultAsync<SsoSettings>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.sso_settings WHERE tenant_id = @tenantId", new { tenantId }, tx, cancellationToken: ct));

    /// <summary>The secret encrypted with the key that protects signing keys, bound to the tenant (associated data).</summary>
    public static byte[] Seal(KeyProtector protector, Guid tenantId, string secret) =>
        protector.Protect(SecretPurpose(tenantId), Encoding.UTF8.GetBytes(secret));

    public string OpenSecret(KeyProtector protector) =>
        Encoding.UTF8.GetString(protector.Unprotect(SecretPurpose(TenantId), ClientSecret));

    public bool AllowsDomainOf(string email) => AllowedDomains.Contains(SsoDomains.Of(email), StringComparer.Ordinal);

    private static string SecretPurpose(Guid tenantId) => "sso.client-secret." + tenantId.ToString("N");
}
