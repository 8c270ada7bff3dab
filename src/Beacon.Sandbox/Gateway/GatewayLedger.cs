using System.Security.Cryptography;

namespace Beacon.Sandbox.Gateway;

/// <summary>
/// The gateway's accounts in memory: customers, attached payment methods, payment intents and the idempotency keys
/// that replay an earlier answer. One lock: the sandbox is for correctness, not throughput.
/// </summary>
internal sealed class GatewayLedger(TimeProvider clock, GatewayWebhooks webhooks)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CustomerObject> _customers = [];
    private readonly Dictionary<string, (PaymentMethodObject Method, TestCard Card)> _methods = [];
    private readonly Dictionary<string, PaymentIntentObject> _intents = [];
    private readonly Dictionary<string, int> _charges = [];
    private readonly Dictionary<string, (string Fingerprint, GatewayAnswer Answer)> _idempotency = [];

    /// <summary>Runs <paramref name="handle"/> once per idempotency key; the same key again replays its answer (Stripe keeps 2xx and 4xx).</summary>
    public (GatewayAnswer Answer, bool Replayed) Idempotent(string? key, string fingerprint, Func<GatewayAnswer> handle)
    {
        lock (_gate)
        {
            if (key is not null && _idempotency.TryGetValue(key, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? (earlier.Answer, true)
                    : (new GatewayAnswer(400, new ErrorBody(new GatewayError("idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."))), false);
            }

            var answer = handle();
            if (key is not null && answer.Status < 500)
            {
                _idempotency[key] = (fingerprint, answer);
            }

            return (answer, false);
        }
    }

    public GatewayAnswer CreateCustomer(string? email, string? name, Dictionary<string, string> metadata)
    {
        var customer = new CustomerObject(NewId("cus"), Now(), email, name, metadata);
        _customers[customer.Id] = customer;
        return new GatewayAnswer(200, customer);
    }

    public CustomerObject? Customer(string id)
    {
        lock (_gate)
        {
            return _customers.GetValueOrDefault(id);
        }
    }

    public PaymentMethodObject? Method(string id)
    {
        lock (_gate)
        {
            return _methods.TryGetValue(id, out var m) ? m.Method : null;
        }
    }

    public PaymentIntentObject? Intent(string id)
    {
        lock (_gate)
        {
            return _intents.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<PaymentIntentObject> Intents(string? customer)
    {
        lock (_gate)
        {
            return [.. _intents.Values.Where(i => customer is null || i.Customer == customer).OrderByDescending(i => i.Created)];
        }
    }

    /// <summary>A test token attaches as a new payment method of its own (as at Stripe); a payment method id attaches itself.</summary>
    public GatewayAnswer Attach(string id, string? customerId)
    {
        if (customerId is null || !_customers.ContainsKey(customerId))
        {
            return Missing("customer", customerId is null ? "Missing required param: customer." : $"No such customer: '{customerId}'");
        }

        if (TestCards.ByToken.TryGetValue(id, out var card))
        {
            var method = new PaymentMethodObject(NewId("pm"), Now(), customerId, card.Details);
            _methods[method.Id] = (method, card);
            return new GatewayAnswer(200, method);
        }

        if (_methods.TryGetValue(id, out var existing))
        {
            var attached = existing.Method with { Customer = customerId };
            _methods[id] = (attached, existing.Card);
            return new GatewayAnswer(200, attached);
        }

        return Missing("payment_method", $"No such PaymentMethod: '{id}'");
    }

    public GatewayAnswer CreateIntent(PaymentIntentRequest request)
    {
        if (request.Validate() is { } invalid)
        {
            return invalid;
        }

        if (request.Customer is not null && !_customers.ContainsKey(request.Customer))
        {
            return Missing("customer", $"No such customer: '{request.Customer}'");
        }

        var hasMethod = _methods.TryGetValue(request.PaymentMethod ?? "", out var method);
        if (request.PaymentMethod is not null && (!hasMethod || method.Method.Customer != request.Customer))
        {
            return Missing("payment_method", $"No such PaymentMethod: '{request.PaymentMethod}'");
        }

        var intent = new PaymentIntentObject(NewId("pi"), Now(), request.Amount, 0, request.Currency, "requires_payment_method",
            request.Customer, request.PaymentMethod, request.Metadata, null, null, request.OffSession);
        if (!request.Confirm || !hasMethod)
        {
            intent = intent with { Status = request.PaymentMethod is null ? "requires_payment_method" : "requires_confirmation" };
            _intents[intent.Id] = intent;
            return new GatewayAnswer(200, intent);
        }

        return Confirm(intent, method.Card);
    }

    private GatewayAnswer Confirm(PaymentIntentObject intent, TestCard card)
    {
        var charges = _charges[intent.PaymentMethod!] = _charges.GetValueOrDefault(intent.PaymentMethod!) + 1;
        var declined = card.Behaviour == CardBehaviour.Declines || (card.Behaviour == CardBehaviour.DeclinesOnceThenSucceeds && charges == 1);
        if (!declined)
        {
            intent = intent with { Status = "succeeded", AmountReceived = intent.Amount, LatestCharge = NewId("ch") };
            _intents[intent.Id] = intent;
            webhooks.Publish("payment_intent.succeeded", intent);
            return new GatewayAnswer(200, intent);
        }

        var message = TestCards.DeclineMessage(card.DeclineCode);
        intent = intent with
        {
            LastPaymentError = new LastPaymentError("card_error", "card_declined", card.DeclineCode, message),
            LatestCharge = NewId("ch"),
        };
        _intents[intent.Id] = intent;
        webhooks.Publish("payment_intent.payment_failed", intent);
        return new GatewayAnswer(402, new ErrorBody(new GatewayError("card_error", message, "card_declined", null, card.DeclineCode, intent)));
    }

    public void Reset()
    {
        lock (_gate)
        {
            _customers.Clear();
            _methods.Clear();
            _intents.Clear();
            _charges.Clear();
            _idempotency.Clear();
        }
    }

    private static GatewayAnswer Missing(string param, string message) =>
        new(404, new ErrorBody(new GatewayError("invalid_request_error", message, "resource_missing", param)));

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
