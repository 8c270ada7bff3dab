using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Scoring.Monitoring;
using Beacon.Scoring.Registry;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Scoring.Api;

internal sealed record ModelSummary(int Version, string Status, string Method, DateTimeOffset CreatedAt, Guid? TrainedBy, string Reason,
    DateTimeOffset? DataFrom, DateTimeOffset? DataTo, int TrainRows, int HoldoutRows, int Positives, int Negatives, bool GatePassed,
    string GateReason, string FeatureVersion);

internal sealed record ModelMetrics(int Version, string Status, bool GatePassed, string GateReason, JsonElement Holdout,
    JsonElement Calibration, JsonElement Features, JsonElement PromotionRule, LiveQuality Live);

/// <summary>The model registry as everyone may read it: versions, hold-out metrics, calibration, live quality, drift, promotions.</summary>
internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder models)
    {
        models.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("ListModels").WithSummary("Every trained model version, newest first, with its status and publish-gate verdict.");
        models.MapGet("/{version:int}/metrics", MetricsAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetModelMetrics").WithSummary("Hold-out metrics (time-based, latest 20 %), features, promotion rule and live quality.");
        models.MapGet("/{version:int}/calibration", CalibrationAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetModelCalibration").WithSummary("Reliability by score band: hold-out, and live as outcomes mature.");
        models.MapGet("/{version:int}/drift", DriftAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetModelDrift").WithSummary("Population stability index of each feature, last 30 days against training.");
        models.MapGet("/{version:int}/drift/weekly", WeeklyDriftEndpoint.GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetModelWeeklyDrift").WithSummary("Week by week: PSI of each feature against training and of the served score against the hold-out.");
        models.MapGet("/promotions", PromotionsAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("ListModelPromotions").WithSummary("Every promotion and rollback with who, when and why.");
        ModelAdminEndpoints.Map(models);
        ServingControlEndpoints.Map(models);
    }

    private static async Task<Ok<List<ModelSummary>>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var rows = await ModelStore.ListAsync(conn, user.TenantId(), ct);
        return TypedResults.Ok(rows.Select(r => new ModelSummary(r.Version, r.Status, r.Method, r.CreatedAt, r.TrainedBy, r.Reason,
            r.DataFrom, r.DataTo, r.TrainRows, r.HoldoutRows, r.Positives, r.Negatives, r.GatePassed, r.GateReason,
            r.FeatureVersion)).ToList());
    }

    private static async Task<Results<Ok<ModelMetrics>, NotFound>> MetricsAsync(int version, ClaimsPrincipal user, Db db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        if (await ModelStore.GetAsync(conn, null, user.TenantId(), version, ct) is not { } r)
        {
            return TypedResults.NotFound();
        }

        var live = await LiveMonitor.MeasureAsync(conn, user.TenantId(), version, ct);
        return TypedResults.Ok(new ModelMetrics(r.Version, r.Status, r.GatePassed, r.GateReason, Json(r.Metrics), Json(r.Calibration),
            Json(r.Features), Json(r.PromotionRule), live));
    }

    private static async Task<Results<Ok<object>, NotFound>> CalibrationAsync(int version, ClaimsPrincipal user, Db db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        if (await ModelStore.GetAsync(conn, null, user.TenantId(), version, ct) is not { } r)
        {
            return TypedResults.NotFound();
        }

        var live = await LiveMonitor.MeasureAsync(conn, user.TenantId(), version, ct);
        var holdoutWords = (JsonSerializer.Deserialize<List<Learning.Metrics.ReliabilityBin>>(r.Calibration, ScoringJson.Options) ?? [])
            .Select(CalibrationWords.Describe).ToList();
        return TypedResults.Ok<object>(new
        {
            version,
            holdout = Json(r.Calibration),
            holdoutWords,
            live = live.Calibration,
            liveRocAuc = live.RocAuc,
            live.Matured,
        });
    }

    private static async Task<Results<Ok<DriftReport>, NotFound>> DriftAsync(int version, ClaimsPrincipal user, Db db,
        DriftMonitor drift, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return await drift.MeasureAsync(conn, null, user.TenantId(), version, ct) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.NotFound();
    }

    private static async Task<Ok<List<PromotionRecord>>> PromotionsAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(await ModelStore.PromotionsAsync(conn, user.TenantId(), ct));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
