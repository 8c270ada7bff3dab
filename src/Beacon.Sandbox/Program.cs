using System.Text.Json.Serialization;
using Beacon.Sandbox.Admin;
using Beacon.Sandbox.Credit;
using Beacon.Sandbox.Gateway;
using Beacon.Sandbox.Identity;
using Beacon.Sandbox.Knobs;
using Beacon.Sandbox.Llm;
using Beacon.Sandbox.Person;
using Beacon.Sandbox.Property;
using Beacon.Sandbox.Sms;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // Loopback by default: the sandbox is a test double and must never be reachable from the network.
    builder.WebHost.UseUrls("http://127.0.0.1:5380");
}

builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSingleton<SandboxState>();
builder.Services.AddPropertyProvider();
builder.Services.AddPersonProvider();
builder.Services.AddPaymentGateway();
builder.Services.AddSmsGateway();

var app = builder.Build();

// Fail at start, not on the first call, when a knob given on the command line is malformed or data is missing.
app.Services.GetRequiredService<SandboxState>();
app.Services.GetRequiredService<SacramentoDataset>();

app.UseRouting();
app.UseMiddleware<ProviderFaultMiddleware>();
app.MapSandboxAdmin();
app.MapPropertyProvider();
app.MapPersonProvider();
app.MapCreditProvider();
app.MapPaymentGateway();
app.MapSmsGateway();

// The identity provider first, on its own port: its listening line is printed before the providers' one, which a
// parent process waits for, so both are known once that line arrives.
// app.Configuration, not the builder's: a test host's settings are applied when the app is built.
await using var identityProvider = await IdentityProviderHost.StartAsync(app.Configuration);
// The fake OpenAI-compatible model likewise, on a port of its own (Sandbox:Llm:Urls).
await using var model = await LlmHost.StartAsync(app.Configuration);
await app.StartAsync();

// A parent process (tests, the dev launcher) reads this line to learn the port when started with port 0.
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
foreach (var address in addresses)
{
    Console.WriteLine($"Sandbox listening on {address}");
}

await app.WaitForShutdownAsync();
