namespace Beacon.Identity.Sso;

/// <summary>The fixed paths of the flow: one callback for every brokerage (the state says which one).</summary>
internal static class SsoPaths
{
    public const string Callback = "/api/v1/auth/sso/callback";

    /// <summary>The web app's page that collects a hand-off (token in the fragment, never sent to a server).</summary>
    public const string CompletePage = "/sso/complete";

    /// <summary>The web app's page that says why a sign-in was refused (<c>?reason=</c>).</summary>
    public const string ErrorPage = "/sso/error";

    public const string HttpClientName = "sso";
}
