using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Sms;

/// <summary>
/// Twilio's Programmable Messaging, the part a sender uses: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// (form: <c>To</c>, <c>From</c>, <c>Body</c>, optional <c>StatusCallback</c>; header <c>Idempotency-Key</c> honoured)
/// answers 201 with the queued message; <c>GET …/Messages/{Sid}.json</c> reads one.
/// </summary>
internal static class SmsEndpoints
{
    public const int MaxBody = 1_600;

    public static IServiceCollection AddSmsGateway(this IServiceCollection services)
    {
        services.AddHttpClient(SmsCallbacks.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SmsCallbacks>();
        services.AddSingleton<SmsLedger>();
        return services;
    }

    public static void MapSmsGateway(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/2010-04-01/Accounts/{account}").WithMetadata(SmsWire.Instance).WithTags("SMS gateway (Twilio)");
        group.MapPost("/Messages.json", SendAsync);
        group.MapGet("/Messages/{sid}.json", (string account, string sid, SmsLedger ledger) => ledger.Find(sid) is { } m && m.AccountSid == account
            ? SmsWire.Answer(200, m)
            : SmsWire.Answer(404, new SmsError(20_404, $"The requested resource /Messages/{sid}.json was not found", 404)));
    }

    private static async Task<IResult> SendAsync(string account, HttpContext context, SmsLedger ledger, SandboxState state)
    {
        if (account != SmsWire.AccountOf(state))
        {
            return SmsWire.Answer(401, new SmsError(20_003, "Authenticate", 401));
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        string to = form["To"].ToString(), from = form["From"].ToString(), body = form["Body"].ToString();
        var problem = !SmsLedger.E164().IsMatch(to) ? new SmsError(21_211, $"The 'To' number {to} is not a valid phone number.", 400)
            : !SmsLedger.E164().IsMatch(from) ? new SmsError(21_212, $"The 'From' number {from} is not a valid phone number.", 400)
            : body.Length == 0 ? new SmsError(21_602, "Message body is required.", 400)
            : body.Length > MaxBody ? new SmsError(21_617, $"The concatenated message body exceeds the {MaxBody} character limit.", 400)
            : null;
        Uri? callback = null;
        if (problem is null && form["StatusCallback"].ToString() is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out callback))
        {
            problem = new SmsError(21_609, "Invalid StatusCallback URL.", 400);
        }

        if (problem is not null)
        {
            return SmsWire.Answer(400, problem);
        }

        var (message, replayed) = ledger.Send(account, to, from, body, callback, context.Request.Headers["Idempotency-Key"].FirstOrDefault());
        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return SmsWire.Answer(201, message);
    }
}
