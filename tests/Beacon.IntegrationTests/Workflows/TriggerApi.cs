using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Events;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>Helpers for the trigger tests: an idle queue, lead patches, and an event handed to a handler as the queue would.</summary>
internal static class TriggerApi
{
    public static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    /// <summary>A one-step workflow that ends as soon as it runs (the goal step continues, then every step is done).</summary>
    public static readonly object EndsAtOnce = new { type = "goal" };

    /// <summary>Waits until the brokerage has no job due: every event so far was handled, every due step ran.</summary>
    public static Task QueueIdleAsync(BeaconApp app, Guid tenant) =>
        Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND run_at <= now()", tenant),
            // The new lead's scoring and enrichment jobs; under a loaded CI machine they took over 30 s once.
            n => n == 0, TimeSpan.FromSeconds(120), because: "the brokerage's queue drains");

    public static async Task<Guid> WorkflowAsync(HttpClient client, object trigger, string? reenrollment, params object[] steps)
    {
        var response = await client.PostAsJsonAsync("/api/v1/workflows",
            new { name = $"Flow {Guid.NewGuid():N}"[..12], trigger, steps, reenrollment });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    public static async Task PatchLeadAsync(HttpClient client, Guid lead, object patch)
    {
        var response = await client.PatchAsJsonAsync($"/api/v1/leads/{lead}", patch);
        await response.EnsureSuccessAsync();
    }

    /// <summary>Runs the event handler <typeparamref name="THandler"/> on <paramref name="e"/> in its own tenant transaction.</summary>
    public static async Task HandleAsync<THandler, TEvent>(BeaconApp app, TEvent e)
        where THandler : IEventHandler<TEvent>
        where TEvent : IntegrationEvent
    {
        using var scope = app.Factory.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        await using var tx = await scope.ServiceProvider.GetRequiredService<Db>().BeginAsync(e.TenantId, CancellationToken.None);
        await handler.HandleAsync(e, tx, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    public static async Task<List<JsonElement>> EnrollmentsOfAsync(HttpClient client, Guid workflow, Guid lead) =>
        [.. (await EngineApi.EnrollmentsAsync(client, workflow)).Where(e => e.GetProperty("leadId").GetGuid() == lead)];
}
