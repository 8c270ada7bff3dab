namespace Beacon.Sandbox.Gateway;

// Stripe's objects, as much of them as a client of payment intents reads (snake_case on the wire via GatewayWire.Json).

internal sealed record CustomerObject(string Id, long Created, string? Email, string? Name, Dictionary<string, string> Metadata)
{
    public string Object { get; } = "customer";

    public bool Livemode { get; }
}

internal sealed record CardDetails(string Brand, string Last4, int ExpMonth, int ExpYear, string Funding = "credit", string Country = "US");

internal sealed record PaymentMethodObject(string Id, long Created, string? Customer, CardDetails Card)
{
    public string Object { get; } = "payment_method";

    public string Type { get; } = "card";

    public bool Livemode { get; }

    public Dictionary<string, string> Metadata { get; init; } = [];
}

internal sealed record LastPaymentError(string Type, string Code, string? DeclineCode, string Message);

internal sealed record PaymentIntentObject(string Id, long Created, long Amount, long AmountReceived, string Currency, string Status,
    string? Customer, string? PaymentMethod, Dictionary<string, string> Metadata, LastPaymentError? LastPaymentError, string? LatestCharge,
    bool? OffSession)
{
    public string Object { get; } = "payment_intent";

    public bool Livemode { get; }

    public string CaptureMethod { get; } = "automatic";

    public string ConfirmationMethod { get; } = "automatic";
}

internal sealed record ListObject<T>(string Url, IReadOnlyList<T> Data)
{
    public string Object { get; } = "list";

    public bool HasMore { get; }
}

internal sealed record EventObject(string Id, long Created, string Type, string ApiVersion, EventData Data)
{
    public string Object { get; } = "event";

    public bool Livemode { get; }

    public int PendingWebhooks { get; } = 1;
}

internal sealed record EventData(object Object);
