using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Shouldly;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary>
/// What a browser does during single sign-on, step by step, with its cookies (one cookie jar for Beacon, as a
/// browser keeps one per site): start at Beacon, pick a person on the provider's form, follow the provider's
/// redirect back to Beacon's callback, and collect the hand-off the way the web app does.
/// </summary>
internal sealed class SsoBrowser : IDisposable
{
    private static readonly Uri Callback = new("http://localhost/api/v1/auth/sso/callback");
    private readonly BeaconApp _app;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _beacon;
    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false });

    public SsoBrowser(BeaconApp app)
    {
        _app = app;
        _beacon = app.Factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(_cookies));
    }

    /// <summary>Beacon as this browser reaches it (its cookies, no redirects followed).</summary>
    public HttpClient Beacon => _beacon;

    /// <summary>The cookies this browser would send to the callback (correlation and nonce), as one header.</summary>
    public string CallbackCookies => _cookies.GetCookieHeader(Callback);

    /// <summary>Beacon's start route: the redirect to the provider's authorization endpoint.</summary>
    public async Task<Uri> StartAsync(string email)
    {
        using var response = await _beacon.GetAsync("/api/v1/auth/sso/start?email=" + Uri.EscapeDataString(email));
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Submits the provider's sign-in form as <paramref name="sandboxUser"/>: the redirect back to Beacon.</summary>
    public async Task<Uri> ChooseAsync(Uri authorize, string sandboxUser)
    {
        var form = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        var fields = form.AllKeys.Select(k => new KeyValuePair<string, string>(k!, form[k]!)).Append(new("sandbox_user", sandboxUser));
        using var response = await _provider.PostAsync(new Uri(authorize.GetLeftPart(UriPartial.Path)), new FormUrlEncodedContent(fields));
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Beacon's callback, as the browser reaches it: where it sends the browser next.</summary>
    public async Task<Uri> CallbackAsync(Uri callback)
    {
        using var response = await _beacon.GetAsync(callback.PathAndQuery);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>The whole round trip up to Beacon's answer to the callback.</summary>
    public async Task<Uri> SignInAsync(string email, string sandboxUser) =>
        await CallbackAsync(await ChooseAsync(await StartAsync(email), sandboxUser));

    public static string Handoff(Uri landing)
    {
        landing.AbsolutePath.ShouldBe("/sso/complete", landing.ToString());
        landing.Fragment.ShouldStartWith("#handoff=");
        return landing.Fragment["#handoff=".Length..];
    }

    public static string Refusal(Uri landing)
    {
        landing.AbsolutePath.ShouldBe("/sso/error", landing.ToString());
        return System.Web.HttpUtility.ParseQueryString(landing.Query)["reason"]!;
    }

    public async Task<HttpResponseMessage> ExchangeAsync(string handoff) =>
        await _app.Anonymous().PostAsJsonAsync("/api/v1/auth/sso/exchange", new { handoff });

    /// <summary>Signs in all the way and reads /me with the tokens Beacon issued.</summary>
    public async Task<(Tokens Tokens, JsonElement Me)> SignInAndCollectAsync(string email, string sandboxUser)
    {
        using var exchanged = await ExchangeAsync(Handoff(await SignInAsync(email, sandboxUser)));
        await exchanged.EnsureSuccessAsync();
        var tokens = (await exchanged.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
        var me = await _app.Anonymous().WithBearer(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        return (tokens, me);
    }

    public void Dispose()
    {
        _beacon.Dispose();
        _provider.Dispose();
    }
}
