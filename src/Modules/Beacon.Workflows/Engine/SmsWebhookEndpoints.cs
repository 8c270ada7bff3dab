using Beacon.SharedKernel.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Beacon.Workflows.Engine;

/// <summary>What became of a gateway callback: <c>applied</c>, <c>ignored</c> (unknown or stale) or <c>duplicate</c>.</summary>
internal sealed record SmsCallbackReceipt(string MessageSid, string Outcome);

/// <summary>
/// The SMS gateway's callbacks: anonymous, but only a body signed with our auth token and fresh is read (ADR 0029).
/// The brokerage is named in the URL (its number's webhook URLs carry it), as the unsubscribe link does.
/// Delivery receipts go on the enrollment's history; an inbound text from a lead's number is a reply (stops the
/// lead's enrollments), STOP/UNSUBSCRIBE/… opts the number out of SMS, START/UNSTOP/YES opts it back in.
/// </summary>
internal static class SmsWebhookEndpoints
{
    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/sms/status", StatusAsync).DisableAntiforgery().Accepts<object>("application/x-www-form-urlencoded")
            .WithName("ReceiveSmsStatus").WithSummary("The SMS gateway's signed delivery receipts (X-Sms-Signature).");
        auth.MapPost("/sms/inbound", InboundAsync).DisableAntiforgery().Accepts<object>("application/x-www-form-urlencoded")
            .WithName("ReceiveInboundSms").WithSummary("A text from a lead to the brokerage's number, signed by the gateway (X-Sms-Signature).");
    }

    private static async Task<Results<Ok<SmsCallbackReceipt>, ProblemHttpResult>> StatusAsync(Guid tenant, HttpRequest request, Db db,
        IOptions<SmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await ReadSignedAsync(request, options.Value, clock, ct) is not { } form)
        {
            return BadSignature();
        }

        string sid = form["MessageSid"].ToString(), status = form["MessageStatus"].ToString();
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        if (await SmsStore.LockBySidAsync(tx, sid, ct) is not { } message || !SmsStore.Advances(message.Status, status))
        {
            await tx.CommitAsync(ct); // nothing changed; committing names the brokerage to the request's audit entry
            return TypedResults.Ok(new SmsCallbackReceipt(sid, "ignored"));
        }

        var error = status == "failed" ? $"{form["ErrorMessage"]} ({form["ErrorCode"]})" : null;
        await SmsStore.UpdateAsync(tx, message.Id, status, null, error, now, ct);
        var label = $"step {message.StepIndex + 1}";
        if (status is "delivered" or "failed")
        {
            await EnrollmentStore.HistoryAsync(tx, message.EnrollmentId, message.StepIndex, status, status == "delivered"
                ? $"{label}: SMS delivered to {message.ToPhone}"
                : $"{label}: SMS to {message.ToPhone} failed: {error}", now, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SmsCallbackReceipt(sid, "applied"));
    }

    private static async Task<Results<Ok<SmsCallbackReceipt>, ProblemHttpResult>> InboundAsync(Guid tenant, HttpRequest request, Db db,
        IOptions<SmsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await ReadSignedAsync(request, options.Value, clock, ct) is not { } form)
        {
            return BadSignature();
        }

        var sid = form["MessageSid"].ToString();
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        if (SmsText.E164(form["From"].ToString()) is not { } phone || !await SmsStore.FirstInboundAsync(tx, sid, now, ct))
        {
            await tx.CommitAsync(ct); // nothing changed; committing names the brokerage to the request's audit entry
            return TypedResults.Ok(new SmsCallbackReceipt(sid, "duplicate"));
        }

        var keyword = form["Body"].ToString().Trim().TrimEnd('.', '!').ToUpperInvariant();
        string? reason = null;
        if (SmsText.StopWords.Contains(keyword))
        {
            await SmsStore.OptOutAsync(tx, phone, keyword, now, ct);
            reason = $"stopped: the lead texted {keyword} (opted out of SMS)";
        }
        else if (SmsText.StartWords.Contains(keyword))
        {
            await SmsStore.OptInAsync(tx, phone, ct);
        }
        else
        {
            reason = "stopped: the lead replied by SMS";
        }

        if (reason is not null)
        {
            foreach (var lead in await SmsStore.LeadsTextedAtAsync(tx, phone, ct))
            {
                await EnrollmentStore.StopLeadAsync(tx, lead, reason, now, ct);
            }
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SmsCallbackReceipt(sid, "applied"));
    }

    private static async Task<Dictionary<string, StringValues>?> ReadSignedAsync(HttpRequest request, SmsOptions options, TimeProvider clock,
        CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        return !string.IsNullOrEmpty(options.AuthToken)
            && SmsSignature.Valid(request.Headers[SmsSignature.Header], options.AuthToken, request.QueryString.Value ?? "", body,
                clock.GetUtcNow(), options.CallbackTolerance)
            ? QueryHelpers.ParseQuery(body)
            : null;
    }

    private static ProblemHttpResult BadSignature() => TypedResults.Problem(title: "The callback's signature is invalid or too old.",
        statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = SmsSignature.Header });
}
