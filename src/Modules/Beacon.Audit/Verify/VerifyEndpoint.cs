using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Audit.Verify;

/// <summary>The verdict: <c>ok</c>, or the first broken entry, the kind of break and a sentence for a person.</summary>
internal sealed record VerifyResponse(bool Ok, long Checked, long? BrokenSeq, string? Reason, string Message);

internal static class VerifyEndpoint
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapPost("/verify", VerifyAsync).RequireAuthorization(Policies.Admin)
            .NotAudited("reads the trail and changes nothing; POST because it is a costly walk, not a cacheable read")
            .WithName("VerifyAuditTrail")
            .WithSummary("Recompute the hash chain: ok, or the first broken entry (deleted, edited, payload_edited, reordered).");

    private static async Task<Ok<VerifyResponse>> VerifyAsync(ClaimsPrincipal user, ChainVerifier verifier, CancellationToken ct) =>
        TypedResults.Ok(Describe(await verifier.VerifyAsync(user.TenantId(), ct)));

    public static VerifyResponse Describe(ChainReport r) => new(r.Ok, r.Checked, r.BrokenSeq, r.Reason, r.Reason switch
    {
        null => $"The audit trail is intact: {r.Checked} entries verified.",
        "deleted" => $"Entry {r.BrokenSeq} is missing: a row was deleted.",
        "edited" => $"Entry {r.BrokenSeq} was edited: its values no longer match its hash.",
        "payload_edited" => $"The before/after values of entry {r.BrokenSeq} were changed or removed without a redaction.",
        "reordered" => $"Entry {r.BrokenSeq} does not follow entry {r.BrokenSeq - 1}: rows were reordered or inserted.",
        _ => $"Entry {r.BrokenSeq} is broken ({r.Reason}).",
    });
}
