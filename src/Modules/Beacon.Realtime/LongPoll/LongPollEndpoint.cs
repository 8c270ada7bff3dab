using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Realtime.LongPoll;

internal sealed record LiveEvent(long Cursor, string Type, DateTimeOffset OccurredAt, JsonElement Data);

internal sealed record LiveEventsResponse(IReadOnlyList<LiveEvent> Events, string Cursor);

/// <summary>The same events as the socket, for clients whose WebSocket fails (ADR 0005).</summary>
internal static class LongPollEndpoint
{
    private const int MaxEvents = 500;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) => api.MapGet("/live/events", HandleAsync)
        .RequireAuthorization(Policies.ReadOnly)
        .WithTags("Live")
        .WithName("LongPollEvents")
        .WithSummary("Visible events after a cursor; waits up to `wait` seconds (≤ 30) for some. Without `after`, the current cursor.");

    private static async Task<Results<Ok<LiveEventsResponse>, ValidationProblem>> HandleAsync(
        ClaimsPrincipal user, LiveHub hub, long? after, int? wait, CancellationToken ct)
    {
        if (after is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["A cursor is 0 or more."] });
        }

        if (wait is < 0 or > 30)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["wait"] = ["Wait 0 to 30 seconds."] });
        }

        var viewer = new Viewer(user.TenantId(), user.UserId(), user.Role(),
            Guid.TryParse(user.FindFirstValue("team"), out var team) ? team : null);
        using var lease = await hub.JoinAsync(viewer.TenantId, ct);
        var (current, _) = await lease.Feed.PositionAsync(ct);
        // No cursor asks where the stream is now. 0 is a cursor like any other (before the first event): a new
        // tenant's stream is empty, and a poll after 0 must wait for its first event, not answer at once.
        if (after is null)
        {
            return TypedResults.Ok(new LiveEventsResponse([], current.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var last = after.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(wait ?? 25));
        var events = new List<LiveEvent>();
        try
        {
            while (events.Count == 0)
            {
                foreach (var row in await lease.Feed.ReadAfterAsync(last, ct))
                {
                    if (viewer.MaySee(row) && events.Count < MaxEvents)
                    {
                        events.Add(new LiveEvent(row.Cursor, row.Type, row.OccurredAt, row.Data));
                    }

                    if (events.Count < MaxEvents)
                    {
                        last = row.Cursor;
                    }
                }

                if (events.Count == 0)
                {
                    await lease.Bell.WaitAsync(deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The wait is over with nothing visible: answer with how far we looked.
        }

        return TypedResults.Ok(new LiveEventsResponse(events, last.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
