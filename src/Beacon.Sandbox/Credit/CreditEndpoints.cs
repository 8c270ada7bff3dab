using System.Text.Json;

namespace Beacon.Sandbox.Credit;

internal static class CreditEndpoints
{
    public static void MapCreditProvider(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/credit/v1").WithMetadata(CreditWire.Instance).WithTags("Credit (soft pull)");
        group.MapPost("/prequalify", Prequalify).WithName("CreditPrequalify")
            .WithSummary("Soft-pull pre-qualification: score band and tradeline summary, consent required.");
    }

    /// <summary>The body is read by hand so malformed JSON is answered in the bureau's error style, after auth.</summary>
    private static async Task<IResult> Prequalify(HttpContext context, TimeProvider time)
    {
        PrequalifyRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<PrequalifyRequest>(context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            request = null;
        }

        if (request is null)
        {
            return CreditWire.Errors(context, 400, [new CreditError("MALFORMED_REQUEST", null, "The body must be a JSON object.")]);
        }

        var now = time.GetUtcNow();
        var errors = PrequalifyValidator.Validate(request, now);
        return errors.Count > 0
            ? CreditWire.Errors(context, 400, errors)
            : TypedResults.Ok(CreditBureau.Decide(request, now));
    }
}
