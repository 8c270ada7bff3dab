using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Sms;

/// <summary>
/// The gateway's messages: a send is queued, then (after <c>Sandbox:Sms:StatusDelayMs</c> each) sent and delivered, or
/// failed for the undeliverable test number <see cref="Undeliverable"/>, each change posted to the message's
/// <c>StatusCallback</c>. A repeated <c>Idempotency-Key</c> answers the first message and sends nothing.
/// </summary>
internal sealed partial class SmsLedger(SmsCallbacks callbacks, SandboxState state, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Twilio's magic "unreachable" style number: accepted, then failed with 30003.</summary>
    public const string Undeliverable = "+15005550009";

    private readonly ConcurrentDictionary<string, SmsMessage> _messages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly TimeSpan _statusDelay = TimeSpan.FromMilliseconds(
        int.Parse(configuration["Sandbox:Sms:StatusDelayMs"] ?? "100", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    public static partial Regex E164();

    public IReadOnlyList<SmsMessage> Messages() => [.. _messages.Values.OrderBy(m => m.DateCreated).ThenBy(m => m.Sid, StringComparer.Ordinal)];

    public SmsMessage? Find(string sid) => _messages.GetValueOrDefault(sid);

    public void Reset()
    {
        _messages.Clear();
        _keys.Clear();
    }

    public (SmsMessage Message, bool Replayed) Send(string account, string to, string from, string body, Uri? statusCallback, string? key)
    {
        if (key is not null && _keys.TryGetValue(key, out var first) && _messages.TryGetValue(first, out var earlier))
        {
            return (earlier, true);
        }

        var (segments, encoding) = SmsSegments.Count(body);
        var message = new SmsMessage(NewSid(), account, to, from, body, "queued", "outbound-api", segments, encoding, clock.GetUtcNow());
        _messages[message.Sid] = message;
        if (key is not null)
        {
            _keys[key] = message.Sid;
        }

        _ = ProgressAsync(message.Sid, statusCallback);
        return (message, false);
    }

    /// <summary>A text from a phone to one of our numbers, posted to <paramref name="url"/>; answers the message and whether it arrived.</summary>
    public async Task<(SmsMessage Message, bool Delivered)> ReceiveAsync(string from, string to, string body, Uri url)
    {
        var (segments, encoding) = SmsSegments.Count(body);
        var message = new SmsMessage(NewSid(), SmsWire.AccountOf(state), to, from, body, "received", "inbound", segments, encoding, clock.GetUtcNow());
        _messages[message.Sid] = message;
        var delivered = await callbacks.PostAsync(url, new Dictionary<string, string?>
        {
            ["MessageSid"] = message.Sid,
            ["AccountSid"] = message.AccountSid,
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumSegments"] = segments.ToString(CultureInfo.InvariantCulture),
        }, SmsWire.TokenOf(state));
        return (message, delivered);
    }

    private async Task ProgressAsync(string sid, Uri? callback)
    {
        var fails = _messages[sid].To == Undeliverable;
        foreach (var status in fails ? ["failed"] : (string[])["sent", "delivered"])
        {
            await Task.Delay(_statusDelay, clock);
            var message = _messages.AddOrUpdate(sid, _ => throw new InvalidOperationException("unknown message"), (_, m) => fails
                ? m with { Status = status, ErrorCode = 30_003, ErrorMessage = "Unreachable destination handset" }
                : m with { Status = status });
            if (callback is not null)
            {
                await callbacks.PostAsync(callback, new Dictionary<string, string?>
                {
                    ["MessageSid"] = sid,
                    ["AccountSid"] = message.AccountSid,
                    ["MessageStatus"] = status,
                    ["To"] = message.To,
                    ["From"] = message.From,
                    ["ErrorCode"] = message.ErrorCode?.ToString(CultureInfo.InvariantCulture),
                    ["ErrorMessage"] = message.ErrorMessage,
                }, SmsWire.TokenOf(state));
            }
        }
    }

    private static string NewSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
