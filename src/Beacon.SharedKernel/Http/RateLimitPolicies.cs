namespace Beacon.SharedKernel.Http;

/// <summary>Names of the rate-limit policies the server defines (see Beacon.Server's rate limiting setup).</summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-up, login, refresh: per client address, against credential stuffing.</summary>
    public const string Auth = "auth";

    /// <summary>Authenticated API calls: per principal (user or API key).</summary>
    public const string Api = "api";
}
