using System.Net.Http.Json;
using System.Text.Json;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Beacon.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows.Sms;

[CollectionDefinition(Name)]
public sealed class SmsCollection : ICollectionFixture<SmsFixture>
{
    public const string Name = "Workflow SMS against the sandbox gateway";
}

/// <summary>
/// A database of its own (the shared server has no SMS gateway: its workers must not take our step jobs), the sandbox
/// as a real process, and one server pointed at it whose callbacks arrive through a real socket (<see cref="SmsRelay"/>).
/// </summary>
public sealed class SmsFixture : IAsyncLifetime
{
    public const string OurNumber = "+13125550000";
    private SandboxProcess? _sandbox;
    private SmsRelay? _relay;

    public TestDatabase Database { get; } = new();

    public BeaconFactory Factory { get; private set; } = null!;

    public HttpClient Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        _sandbox = await SandboxProcess.StartAsync("--Sandbox:Sms:StatusDelayMs=50");
        _relay = await SmsRelay.StartAsync();
        Sandbox = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        Factory = new BeaconFactory(Database, new Dictionary<string, string?>
        {
            ["Beacon:Sms:BaseUrl"] = _sandbox.BaseAddress.ToString(),
            ["Beacon:Sms:AccountSid"] = "ACsandbox",
            ["Beacon:Sms:AuthToken"] = "sandbox-sms-token",
            ["Beacon:Sms:FromNumber"] = OurNumber,
            ["Beacon:Sms:CallbackBaseUrl"] = _relay.BaseAddress.ToString(),
        });
        _relay.RelayTo(Factory.CreateClient);
    }

    public async ValueTask DisposeAsync()
    {
        Sandbox.Dispose();
        await Factory.DisposeAsync();
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    public Task<TenantSession> SignupAsync() => ApiClient.SignupAsync(Factory.CreateClient);

    /// <summary>The texts the gateway took to <paramref name="phone"/>, oldest first.</summary>
    public async Task<List<JsonElement>> TextsToAsync(string phone) =>
        [.. (await Sandbox.GetFromJsonAsync<List<JsonElement>>("/_sandbox/sms/messages"))!
            .Where(m => m.GetProperty("to").GetString() == phone && m.GetProperty("direction").GetString() == "outbound-api")];

    /// <summary>A text from <paramref name="phone"/> to our number, posted by the gateway to the brokerage's inbound URL.</summary>
    public async Task TextFromAsync(Guid tenant, string phone, string body)
    {
        var response = await Sandbox.PostAsJsonAsync("/_sandbox/sms/inbound", new
        {
            from = phone,
            to = OurNumber,
            body,
            url = new Uri(_relay!.BaseAddress, $"/api/v1/auth/sms/inbound?tenant={tenant}"),
        });
        response.EnsureSuccessStatusCode();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean()
            .ShouldBeTrue("the inbound webhook answered 2xx");
    }

    /// <summary>Runs the step job the queue would run, as a redelivered job would.</summary>
    public async Task RunStepAsync(Guid tenant, Guid enrollment, int step)
    {
        using var scope = Factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<StepJob>();
        await using var tx = await scope.ServiceProvider.GetRequiredService<Db>().BeginAsync(tenant, CancellationToken.None);
        await job.HandleAsync(new StepDue(enrollment, step), new JobInfo(0, Guid.NewGuid(), EnrollmentStore.StepJob, 1,
            TimeProvider.System.GetUtcNow()), tx, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }
}
