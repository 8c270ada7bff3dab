using System.Net.Http.Json;
using System.Text.Json;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.TestKit;
using Beacon.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>Helpers for the engine tests: settings, workflows and enrollments through the API; a step job run by hand.</summary>
internal static class EngineApi
{
    /// <summary>A zone where it is now between 09:00 and 20:00 (the four are spread so one always is).</summary>
    public static string DaytimeZone() => ZoneWhere(h => h is >= 9 and < 20);

    /// <summary>A zone where it is now between 22:00 and 06:00.</summary>
    public static string NightZone() => ZoneWhere(h => h is >= 22 or < 6);

    private static string ZoneWhere(Func<int, bool> hour) =>
        new[] { "Europe/London", "Asia/Tokyo", "America/New_York", "Pacific/Honolulu", "Asia/Kolkata", "America/Chicago" }.First(z =>
            hour(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(z)).Hour));

    public static async Task SettingsAsync(HttpClient client, string timeZone, string postalAddress = "Acme Realty, 1 Main St, Springfield, IL 62701")
    {
        var response = await client.PutAsJsonAsync("/api/v1/workflows/settings", new { postalAddress, timeZone });
        await response.EnsureSuccessAsync();
    }

    public static async Task<Guid> WorkflowAsync(HttpClient client, object trigger, params object[] steps)
    {
        var response = await client.PostAsJsonAsync("/api/v1/workflows", new { name = $"Flow {Guid.NewGuid():N}"[..12], trigger, steps });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    public static async Task<List<JsonElement>> EnrollmentsAsync(HttpClient client, Guid workflow) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/workflows/{workflow}/enrollments", ApiClient.Json))!;

    /// <summary>Waits until the workflow has one enrollment matching <paramref name="done"/>; returns it.</summary>
    public static async Task<JsonElement> EnrollmentAsync(HttpClient client, Guid workflow, Func<JsonElement, bool> done, string because) =>
        (await Poller.UntilAsync(() => EnrollmentsAsync(client, workflow), e => e.Count == 1 && done(e[0]), because: because))[0];

    public static IEnumerable<string> Reasons(this JsonElement enrollment) =>
        enrollment.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("reason").GetString()!);

    /// <summary>Runs the step job the queue would run, in its own tenant transaction, as a redelivered job would.</summary>
    public static async Task RunStepAsync(BeaconApp app, Guid tenant, Guid enrollment, int step)
    {
        using var scope = app.Factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<StepJob>();
        await using var tx = await scope.ServiceProvider.GetRequiredService<Db>().BeginAsync(tenant, CancellationToken.None);
        await job.HandleAsync(new StepDue(enrollment, step), new JobInfo(0, Guid.NewGuid(), EnrollmentStore.StepJob, 1,
            TimeProvider.System.GetUtcNow()), tx, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }
}
