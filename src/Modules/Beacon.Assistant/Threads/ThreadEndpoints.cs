using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Assistant.Threads;

/// <summary><c>/api/v1/assistant/threads</c>: the caller's own chat threads; another person's thread answers 404 like an unknown one.</summary>
internal static class ThreadEndpoints
{
    public static void Map(RouteGroupBuilder assistant)
    {
        assistant.MapGet("/threads", ListAsync).RequireAuthorization(Policies.ReadOnly).WithName("ListAssistantThreads")
            .WithSummary("The caller's assistant threads, most recently active first (at most 100).");
        assistant.MapGet("/threads/{id:guid}", GetAsync).RequireAuthorization(Policies.ReadOnly).WithName("GetAssistantThread")
            .WithSummary("One of the caller's threads with its messages in order: the history to resume after a reconnect.");
    }

    private static async Task<Ok<IReadOnlyList<ThreadSummary>>> ListAsync(ClaimsPrincipal user, ThreadStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(user.TenantId(), user.UserId(), ct));

    private static async Task<Results<Ok<ThreadDetail>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, ThreadStore store,
        CancellationToken ct) =>
        await store.GetAsync(user.TenantId(), user.UserId(), id, ct) is { } thread
            ? TypedResults.Ok(thread)
            : TypedResults.Problem(title: "No such thread.", statusCode: StatusCodes.Status404NotFound);
}
