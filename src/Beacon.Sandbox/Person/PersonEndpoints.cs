using Beacon.Sandbox.Knobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Sandbox.Person;

/// <summary>
/// Rules, applied in order: unknown input → 400; no-match rule (domain nomatch.example, or hash mod NoMatchModulus
/// == 0) → 404; cold rule (hash mod ColdModulus == ColdRemainder) → 202 until AsyncDelayMs has passed; else 200.
/// </summary>
internal static class PersonEndpoints
{
    public static IServiceCollection AddPersonProvider(this IServiceCollection services) =>
        services.AddSingleton<PersonLookups>();

    public static void MapPersonProvider(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/person/v2").WithMetadata(PersonWire.Instance).WithTags("Person (PDL-style)");
        group.MapGet("/enrich", Enrich).WithName("PersonEnrich").WithSummary("Person and social profiles by email or phone.");
        group.MapGet("/lookups/{id}", Poll).WithName("PersonLookup").WithSummary("Poll a cold lookup answered 202.");
    }

    private static IResult Enrich(string? email, string? phone, HttpContext context, SandboxState state, PersonLookups lookups)
    {
        var query = PersonQuery.From(email, phone);
        if (query is null)
        {
            return PersonWire.Instance.Error(context, FaultKind.BadRequest,
                "Provide a valid email, or a phone with 10 US digits (optionally prefixed by 1).");
        }

        var knobs = state.Provider(SandboxState.Person).Knobs;
        if (query.IsNoMatch(knobs.NoMatchModulus))
        {
            return NoMatch(context);
        }

        if (!query.IsCold(knobs.ColdModulus, knobs.ColdRemainder))
        {
            return Match(query);
        }

        var lookup = lookups.Start(query, TimeSpan.FromMilliseconds(knobs.AsyncDelayMs));
        return Answer(context, lookups, lookup);
    }

    private static IResult Poll(string id, HttpContext context, PersonLookups lookups) =>
        lookups.Find(id) is { } lookup
            ? Answer(context, lookups, lookup)
            : PersonWire.Instance.Error(context, FaultKind.NotFound, $"No lookup with id '{id}'.");

    private static IResult Answer(HttpContext context, PersonLookups lookups, PendingLookup lookup)
    {
        var remaining = lookups.Remaining(lookup);
        if (remaining <= TimeSpan.Zero)
        {
            return Match(lookup.Query);
        }

        var retryAfter = (int)Math.Ceiling(remaining.TotalSeconds);
        context.Response.Headers.Location = $"/person/v2/lookups/{lookup.Id}";
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(new PdlPending(202, lookup.Id, "Lookup queued; poll the Location URL.", retryAfter),
            PersonWire.Json, statusCode: 202);
    }

    private static JsonHttpResult<PdlMatch> Match(PersonQuery query) => TypedResults.Json(PersonGenerator.Generate(query), PersonWire.Json);

    private static IResult NoMatch(HttpContext context) =>
        PersonWire.Instance.Error(context, FaultKind.NotFound, "No records were found matching your request");
}
