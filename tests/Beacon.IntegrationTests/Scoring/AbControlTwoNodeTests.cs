using System.Net.Http.Json;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>ADR 0019: a kill switch thrown on one server process reaches another's serving without a restart.</summary>
public sealed class AbControlTwoNodeTests(BeaconApp app)
{
    [Fact]
    public async Task A_kill_switch_set_through_another_server_process_reaches_this_nodes_serving_within_seconds()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = app.Database.KeyEncryptionKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        await using var other = await ServerProcess.StartAsync(settings);
        var owner = await app.SignupAsync();
        var active = app.Factory.Services.GetRequiredService<ActiveModels>();
        (await ServingHereAsync(owner.TenantId, active)).RulesOnly.ShouldBeFalse("this node has cached the control: nothing set yet");

        using var onOther = new HttpClient { BaseAddress = other.BaseAddress }.WithBearer(owner.Tokens.AccessToken);
        await (await onOther.PutAsJsonAsync("/api/v1/models/serving/kill-switch", new { on = true, reason = "from node B" }))
            .EnsureSuccessAsync();

        await Poller.UntilAsync(() => ServingHereAsync(owner.TenantId, active), c => c.RulesOnly, TimeSpan.FromSeconds(10),
            "this node re-reads the control within its two-second freshness, though only the other node was told");
    }

    private async Task<ServingControl> ServingHereAsync(Guid tenant, ActiveModels active)
    {
        await using var tx = await app.Factory.Services.GetRequiredService<Db>().BeginAsync(tenant, CancellationToken.None);
        return (await active.GetAsync(tx, CancellationToken.None)).Control;
    }
}
