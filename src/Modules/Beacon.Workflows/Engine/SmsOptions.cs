namespace Beacon.Workflows.Engine;

/// <summary>
/// <c>Beacon:Sms</c>: the SMS gateway (Twilio's wire format; the sandbox in development and tests). Unset, an SMS step is
/// skipped with a reason. The auth token also verifies the gateway's signed callbacks (ADR 0029).
/// </summary>
internal sealed class SmsOptions
{
    public const string Section = "Beacon:Sms";

    public Uri? BaseUrl { get; set; }

    public string? AccountSid { get; set; }

    /// <summary>Secret (environment or user secrets only in production).</summary>
    public string? AuthToken { get; set; }

    /// <summary>The brokerage-facing sending number, E.164.</summary>
    public string? FromNumber { get; set; }

    /// <summary>Where the gateway reaches this server for delivery receipts; the public address when unset.</summary>
    public Uri? CallbackBaseUrl { get; set; }

    /// <summary>How far a callback's signed timestamp may be from our clock.</summary>
    public TimeSpan CallbackTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Configured => BaseUrl is not null && !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken)
        && !string.IsNullOrEmpty(FromNumber);
}
