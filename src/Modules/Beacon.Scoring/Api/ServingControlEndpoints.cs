using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Scoring;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.Scoring.Api;

/// <param name="Percent">Share of leads (by lead-id hash) served the challenger's score, 0–50 %.</param>
internal sealed record SplitRequest([property: Required, Range(0, 50)] int? Percent, [property: StringLength(500)] string? Reason);

/// <param name="On">True: every lead is scored by the scorecard at once; false: the models serve again.</param>
internal sealed record KillSwitchRequest([property: Required] bool? On, [property: Required, StringLength(500, MinimumLength = 1)] string? Reason);

/// <param name="ServedBy">What scores leads right now: <c>model</c>, or <c>rules</c> (no champion, or the kill switch).</param>
internal sealed record ServingView(int? ChampionVersion, int? ChallengerVersion, int ChallengerPercent, int DefaultChallengerPercent,
    bool FromConfiguration, bool RulesOnly, string? RulesOnlyReason, string ServedBy, DateTimeOffset? UpdatedAt, Guid? UpdatedBy);

/// <summary>Managers' A/B control (ADR 0019): the challenger's traffic split and the kill switch, stored per tenant.</summary>
internal static class ServingControlEndpoints
{
    public static void Map(RouteGroupBuilder models)
    {
        models.MapGet("/serving", GetAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("GetServingControl").WithSummary("Which versions serve, the challenger's traffic share and the kill switch.");
        models.MapPut("/serving/split", SplitAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetChallengerSplit").WithSummary("Serve the challenger's score to this share of leads (0–50 %, by lead-id hash).");
        models.MapPut("/serving/kill-switch", KillSwitchAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetModelKillSwitch").WithSummary("On: every lead is scored by the rules at once; off: the models serve again.");
    }

    private static async Task<Results<Ok<ServingView>, StatusCodeHttpResult>> GetAsync(HttpContext http, ClaimsPrincipal user, Db db,
        IOptions<ScoringOptions> options, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var control = await ServingControl.ReadAsync(conn, null, user.TenantId(), ct);
        return ETagged.Answer(http, await ViewAsync(conn, null, user.TenantId(), options.Value, control, ct));
    }

    private static Task<Ok<ServingView>> SplitAsync(SplitRequest request, ClaimsPrincipal user, Db db, ActiveModels active,
        IOptions<ScoringOptions> options, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(user, db, active, options.Value, clock, request.Reason,
            (control, now) => control with { ChallengerPercent = request.Percent, UpdatedAt = now, UpdatedBy = user.UserId() }, ct);

    private static Task<Ok<ServingView>> KillSwitchAsync(KillSwitchRequest request, ClaimsPrincipal user, Db db, ActiveModels active,
        IOptions<ScoringOptions> options, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(user, db, active, options.Value, clock, request.Reason, (control, now) => control with
        {
            RulesOnly = request.On!.Value,
            RulesOnlyReason = request.On!.Value ? request.Reason : null,
            UpdatedAt = now,
            UpdatedBy = user.UserId(),
        }, ct);

    private static async Task<Ok<ServingView>> ChangeAsync(ClaimsPrincipal user, Db db, ActiveModels active, ScoringOptions options,
        TimeProvider clock, string? reason, Func<ServingControl, DateTimeOffset, ServingControl> change, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        await ServingControl.LockAsync(tx, ct);
        var control = change(await ServingControl.ReadAsync(tx.Connection, tx.Transaction, tx.TenantId, ct), now);
        await ServingControl.SaveAsync(tx, control, ct);
        // The event makes the change atomic with its audit entry (ADR 0015) and refreshes managers' screens live.
        tx.Publish(new ServingControlChanged(Guid.CreateVersion7(), tx.TenantId, now, control.ChallengerPercent,
            control.EffectivePercent(options), control.RulesOnly, user.UserId(), reason));
        var view = await ViewAsync(tx.Connection, tx.Transaction, tx.TenantId, options, control, ct);
        await tx.CommitAsync(ct);
        // This node serves the change at once; the others within the two-second freshness of ActiveModels (ADR 0019).
        active.Invalidate(tx.TenantId);
        return TypedResults.Ok(view);
    }

    private static async Task<ServingView> ViewAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, ScoringOptions options,
        ServingControl control, CancellationToken ct)
    {
        var live = (await conn.QueryAsync<(int Version, string Status)>(new CommandDefinition("""
            SELECT version, status FROM scoring.models WHERE tenant_id = @tenant AND status IN ('champion', 'challenger')
            """, new { tenant }, tx, cancellationToken: ct))).ToDictionary(r => r.Status, r => r.Version);
        int? champion = live.TryGetValue("champion", out var c) ? c : null;
        int? challenger = live.TryGetValue("challenger", out var h) ? h : null;
        return new ServingView(champion, challenger, control.EffectivePercent(options), options.ChallengerTrafficPercent,
            control.ChallengerPercent is null, control.RulesOnly, control.RulesOnlyReason,
            champion is null || control.RulesOnly ? "rules" : "model", control.UpdatedAt, control.UpdatedBy);
    }
}
