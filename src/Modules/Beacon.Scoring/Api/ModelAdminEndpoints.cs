using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Scoring.Registry;
using Beacon.Scoring.Training;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Scoring.Api;

internal sealed record RetrainRequest([property: StringLength(500)] string? Reason, [property: Range(0, 3650)] int? MinAgeDays);

internal sealed record PromoteRequest([property: Required, StringLength(500, MinimumLength = 1)] string? Reason, bool Force = false);

internal sealed record RollbackRequest([property: Required, StringLength(500, MinimumLength = 1)] string? Reason);

internal sealed record PromoteResponse(int Version, int? PreviousVersion, string Evidence);

internal sealed record RollbackResponse(int From, int? To);

/// <summary>Admin actions on the registry: retrain now, promote a challenger, roll the champion back.</summary>
internal static class ModelAdminEndpoints
{
    public static void Map(RouteGroupBuilder models)
    {
        models.MapPost("/retrain", RetrainAsync).RequireAuthorization(Policies.Admin)
            .WithName("RetrainModel").WithSummary("Train on the matured outcomes now; the model becomes challenger (champion if none) or is refused by the gate.");
        models.MapPost("/{version:int}/promote", PromoteAsync).RequireAuthorization(Policies.Admin)
            .WithName("PromoteModel").WithSummary("Make the challenger champion when the pre-registered rule holds (or force, with a reason).");
        models.MapPost("/rollback", RollbackAsync).RequireAuthorization(Policies.Admin)
            .WithName("RollbackModel").WithSummary("Return to the champion the current one replaced (or the scorecard).");
    }

    private static async Task<Created<TrainOutcome>> RetrainAsync(RetrainRequest request, ClaimsPrincipal user, Db db,
        Trainer trainer, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        var outcome = await trainer.TrainAsync(tx, user.UserId(), request.Reason ?? "Retrained on demand", request.MinAgeDays, ct);
        tx.Enqueue(EvaluateChallengerJob.Name, new EvaluateChallengerPayload(tx.TenantId));
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/models/{outcome.Version}/metrics", outcome);
    }

    private static async Task<Results<Ok<PromoteResponse>, NotFound, ProblemHttpResult>> PromoteAsync(int version,
        PromoteRequest request, ClaimsPrincipal user, Db db, ChallengerEvaluation evaluation, Promotions promotions, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        if (await ModelStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, version, ct) is not { } model)
        {
            return TypedResults.NotFound();
        }

        if (!model.GatePassed || model.Status is "champion" or "rejected")
        {
            return ProblemResults.Conflict($"Version {version} is {model.Status}: only a challenger or a retired model that passed the gate can be promoted.");
        }

        var evidence = model.Status == "challenger" ? await evaluation.EvaluateAsync(tx, ct) : null;
        if (!request.Force && evidence is not { Beats: true })
        {
            return ProblemResults.Conflict("The pre-registered promotion rule does not hold.",
                (evidence?.Summary ?? "Only the challenger can be promoted by the rule.") + " Promote with force and a reason to override.");
        }

        var reason = request.Force ? $"Forced by an admin: {request.Reason}" : request.Reason!;
        var previous = await promotions.PromoteAsync(tx, version, user.UserId(), reason, (object?)evidence ?? new { forced = true }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new PromoteResponse(version, previous, evidence?.Summary ?? "none"));
    }

    private static async Task<Results<Ok<RollbackResponse>, ProblemHttpResult>> RollbackAsync(RollbackRequest request,
        ClaimsPrincipal user, Db db, Promotions promotions, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        if (await promotions.RollbackAsync(tx, user.UserId(), request.Reason!, ct) is not { } done)
        {
            return ProblemResults.Conflict("There is no champion to roll back.");
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new RollbackResponse(done.From, done.To));
    }
}
