using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Sandbox.Tests;

/// <summary>
/// The sandbox in-process with a manual clock. One per test: knobs and counters are the state under test, so no
/// test may see another's. Start-up settings are given as "Key=Value", exactly as on the command line.
/// </summary>
internal sealed class SandboxApp(params string[] settings) : WebApplicationFactory<Program>
{
    public const string PropertyKey = "sandbox-property-key";
    public const string PersonKey = "sandbox-person-key";
    public const string CreditToken = "sandbox-credit-token";

    public ManualClock Clock { get; } = new();

    /// <summary>When set, every request appears to come from this address (TestServer has no socket of its own).</summary>
    public IPAddress? RemoteIp { get; init; }

    public HttpClient Property(string key = PropertyKey) => WithHeader("apikey", key);

    public HttpClient Person(string key = PersonKey) => WithHeader("X-Api-Key", key);

    public HttpClient Credit(string token = CreditToken) => WithHeader("Authorization", "Bearer " + token);

    public HttpClient Admin() => CreateClient();

    public async Task SetKnobsAsync(string provider, object knobs)
    {
        using var response = await Admin().PostAsJsonAsync($"/_sandbox/knobs/{provider}", knobs, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The identity provider and the fake model are real web hosts of their own: on free ports, so parallel tests
        // (and ./beacon run's sandbox on 5390 and 5391) never collide.
        builder.UseSetting("Sandbox:Identity:Urls", "http://127.0.0.1:0");
        builder.UseSetting("Sandbox:Llm:Urls", "http://127.0.0.1:0");
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            builder.UseSetting(parts[0], parts[1]);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (RemoteIp is { } ip)
            {
                services.AddSingleton<IStartupFilter>(new RemoteIpFilter(ip));
            }
        });
    }

    private HttpClient WithHeader(string name, string value)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    private sealed class RemoteIpFilter(IPAddress ip) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
