namespace Beacon.Sandbox.Gateway;

/// <summary>What a card does when charged.</summary>
internal enum CardBehaviour
{
    Succeeds,
    Declines,
    DeclinesOnceThenSucceeds,
}

internal sealed record TestCard(CardDetails Details, CardBehaviour Behaviour, string? DeclineCode = null);

/// <summary>
/// Stripe's test payment-method tokens (the ones a client can attach without a card form), plus one of the sandbox's own
/// for a card that fails once and then works (an expired card the bank re-issued, a limit that was raised).
/// </summary>
internal static class TestCards
{
    public static readonly IReadOnlyDictionary<string, TestCard> ByToken = new Dictionary<string, TestCard>(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = new(new CardDetails("visa", "4242", 12, 2034), CardBehaviour.Succeeds),
        ["pm_card_mastercard"] = new(new CardDetails("mastercard", "4444", 12, 2034), CardBehaviour.Succeeds),
        ["pm_card_amex"] = new(new CardDetails("amex", "8431", 12, 2034), CardBehaviour.Succeeds),
        ["pm_card_chargeDeclined"] = new(new CardDetails("visa", "0002", 12, 2034), CardBehaviour.Declines, "generic_decline"),
        ["pm_card_chargeDeclinedInsufficientFunds"] =
            new(new CardDetails("visa", "9995", 12, 2034), CardBehaviour.Declines, "insufficient_funds"),
        ["pm_card_sandbox_declineOnce"] =
            new(new CardDetails("visa", "0341", 12, 2034), CardBehaviour.DeclinesOnceThenSucceeds, "generic_decline"),
    };

    public static string DeclineMessage(string? declineCode) => declineCode switch
    {
        "insufficient_funds" => "Your card has insufficient funds.",
        _ => "Your card was declined.",
    };
}
