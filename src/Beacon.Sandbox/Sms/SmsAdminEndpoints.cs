using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Sandbox.Sms;

/// <summary>
/// Test controls of the SMS gateway under the loopback-only <c>/_sandbox</c> group: every message so far, and a text
/// from a phone (a reply, <c>STOP</c>, <c>START</c> …) posted to the inbound webhook — <c>url</c> when given, else
/// <c>Sandbox:Sms:InboundUrl</c> (the number's "a message comes in" URL in Twilio's console).
/// </summary>
internal static class SmsAdminEndpoints
{
    internal sealed record InboundRequest(string? From, string? To, string? Body, Uri? Url);

    internal sealed record InboundResponse(SmsMessage Message, bool Delivered);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/sms/messages", (SmsLedger ledger) => TypedResults.Ok(ledger.Messages()))
            .WithName("SandboxSmsMessages").WithSummary("Every message sent or received so far, oldest first.");
        admin.MapPost("/sms/inbound", InboundAsync).WithName("SandboxSmsInbound")
            .WithSummary("A text from a phone to one of our numbers, posted (signed) to the inbound webhook.");
    }

    private static async Task<Results<Ok<InboundResponse>, ProblemHttpResult>> InboundAsync(InboundRequest request, SmsLedger ledger,
        IConfiguration configuration)
    {
        var url = request.Url ?? (configuration["Sandbox:Sms:InboundUrl"] is { Length: > 0 } u ? new Uri(u) : null);
        if (request.From is null || !SmsLedger.E164().IsMatch(request.From) || request.To is null || !SmsLedger.E164().IsMatch(request.To))
        {
            return TypedResults.Problem("from and to must be E.164 numbers (+13125550100).", statusCode: 400);
        }

        if (string.IsNullOrEmpty(request.Body) || url is null)
        {
            return TypedResults.Problem("body is required, and url (or Sandbox:Sms:InboundUrl) says where to post.", statusCode: 400);
        }

        var (message, delivered) = await ledger.ReceiveAsync(request.From, request.To, request.Body, url);
        return TypedResults.Ok(new InboundResponse(message, delivered));
    }
}
