using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Me;

/// <summary>A field left out stays as it is; an empty phone, time zone or signature clears it.</summary>
internal sealed record UpdateProfileRequest(
    [property: StringLength(120, MinimumLength = 1), NoControlCharacters] string? DisplayName,
    [property: StringLength(30), NoControlCharacters] string? Phone,
    [property: StringLength(64), NoControlCharacters] string? TimeZone,
    [property: StringLength(1000), PlainLines] string? Signature = null);

/// <summary>
/// Your own profile: the name colleagues see, a phone number, the time zone dates are shown in, and the e-mail
/// signature workflow messages end with. Other modules learn of it through <see cref="UserProfileChanged"/>.
/// </summary>
internal static partial class UpdateProfileEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) => api.MapPatch("/me", HandleAsync)
        .RequireAuthorization(Policies.ReadOnly)
        .WithTags("Users")
        .WithName("UpdateProfile")
        .WithSummary("Change your own name, phone number, time zone (an IANA name such as America/Chicago) or e-mail signature.");

    private static async Task<Results<Ok<MeResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        UpdateProfileRequest request, ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct)
    {
        if (user.IsApiKey())
        {
            return ProblemResults.Forbidden("An API key has no profile of its own.");
        }

        if (request.DisplayName is { } name && string.IsNullOrWhiteSpace(name))
        {
            return ProblemResults.Field("displayName", "The name cannot be blank.");
        }

        var phone = request.Phone?.Trim();
        if (phone is { Length: > 0 } && !PhonePattern().IsMatch(phone))
        {
            return ProblemResults.Field("phone", "A phone number has 7 to 20 digits, optionally a leading + and spaces, dashes, dots or parentheses.");
        }

        var zone = request.TimeZone?.Trim();
        if (zone is { Length: > 0 } && !IsIanaZone(zone))
        {
            return ProblemResults.Field("timeZone", "Not a known IANA time zone (such as America/Chicago or Europe/London).");
        }

        // Line breaks kept as typed (\r\n from a browser's textarea becomes \n); trailing blanks trimmed.
        var signature = request.Signature?.ReplaceLineEndings("\n").Trim();
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.users
               SET display_name = coalesce(@name, display_name),
                   phone = CASE WHEN @phoneGiven THEN nullif(@phone, '') ELSE phone END,
                   time_zone = CASE WHEN @zoneGiven THEN nullif(@zone, '') ELSE time_zone END,
                   email_signature = CASE WHEN @signatureGiven THEN nullif(@signature, '') ELSE email_signature END
             WHERE tenant_id = @tenant AND id = @id
            """, new
        {
            tenant = tx.TenantId,
            id = user.UserId(),
            name = request.DisplayName?.Trim(),
            phoneGiven = phone is not null,
            phone,
            zoneGiven = zone is not null,
            zone,
            signatureGiven = signature is not null,
            signature,
        }, tx.Transaction, cancellationToken: ct));
        var me = await MeEndpoint.LoadAsync(tx.Connection, tx.Transaction, user, ct);
        if (me is not null)
        {
            tx.Publish(new UserProfileChanged(Guid.CreateVersion7(), tx.TenantId, clock.GetUtcNow(), me.Id, me.DisplayName, me.Phone, me.Signature));
        }

        await tx.CommitAsync(ct);
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }

    // IANA names only ("Area/Location", or UTC): what browsers' Intl understands, so the web app can use it as it is.
    private static bool IsIanaZone(string zone) =>
        (zone == "UTC" || zone.Contains('/', StringComparison.Ordinal))
        && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId;

    [GeneratedRegex(@"^\+?(?:[\s().-]*\d){7,20}[\s().-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
