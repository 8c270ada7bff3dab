using System.Globalization;

namespace Beacon.Sandbox.Gateway;

/// <summary><c>POST /v1/payment_intents</c>'s form fields (Stripe takes form encoding, <c>metadata[key]=value</c> for maps).</summary>
internal sealed record PaymentIntentRequest(long Amount, string Currency, string? Customer, string? PaymentMethod, bool Confirm,
    bool? OffSession, Dictionary<string, string> Metadata, string? Error)
{
    public static PaymentIntentRequest From(IFormCollection form)
    {
        string? error = null;
        if (!long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            error = "amount";
        }

        return new PaymentIntentRequest(amount, form["currency"].ToString().ToLowerInvariant(), NullIfEmpty(form["customer"]),
            NullIfEmpty(form["payment_method"]), IsTrue(form["confirm"]), form.ContainsKey("off_session") ? IsTrue(form["off_session"]) : null,
            MetadataOf(form), error);
    }

    public GatewayAnswer? Validate()
    {
        if (Error is not null)
        {
            return Invalid("amount", "parameter_invalid_integer", "Invalid integer: amount must be a whole number of the smallest currency unit.");
        }

        if (Amount < 50)
        {
            return Invalid("amount", "amount_too_small", "Amount must be at least $0.50 usd.");
        }

        return Currency.Length != 3 || !Currency.All(char.IsAsciiLetterLower)
            ? Invalid("currency", "parameter_invalid_string", $"Invalid currency: {Currency}.")
            : null;
    }

    public static Dictionary<string, string> MetadataOf(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal) && f.Key.EndsWith(']'))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value.ToString(), StringComparer.Ordinal);

    private static GatewayAnswer Invalid(string param, string code, string message) =>
        new(400, new ErrorBody(new GatewayError("invalid_request_error", message, code, param)));

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
