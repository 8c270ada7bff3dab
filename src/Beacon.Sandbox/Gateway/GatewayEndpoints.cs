namespace Beacon.Sandbox.Gateway;

/// <summary>
/// Stripe's API, the part a client of off-session payment intents uses: customers, payment methods (Stripe's test
/// tokens), payment intents created and confirmed in one call. Every POST honours <c>Idempotency-Key</c>.
/// </summary>
internal static class GatewayEndpoints
{
    public static IServiceCollection AddPaymentGateway(this IServiceCollection services)
    {
        services.AddHttpClient(GatewayWebhooks.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<GatewayWebhooks>();
        services.AddSingleton<GatewayLedger>();
        return services;
    }

    public static void MapPaymentGateway(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithMetadata(GatewayWire.Instance).WithTags("Payment gateway (Stripe)");
        group.MapPost("/customers", (HttpContext c, GatewayLedger l) => Post(c, l, form =>
            l.CreateCustomer(form["email"], form["name"], PaymentIntentRequest.MetadataOf(form))));
        group.MapGet("/customers/{id}", (string id, GatewayLedger l) => Found(l.Customer(id), "customer", id));
        group.MapPost("/payment_methods/{id}/attach", (string id, HttpContext c, GatewayLedger l) => Post(c, l, form =>
            l.Attach(id, form["customer"].FirstOrDefault())));
        group.MapGet("/payment_methods/{id}", (string id, GatewayLedger l) => Found(l.Method(id), "payment_method", id));
        group.MapPost("/payment_intents", (HttpContext c, GatewayLedger l) => Post(c, l, form =>
            l.CreateIntent(PaymentIntentRequest.From(form))));
        group.MapGet("/payment_intents/{id}", (string id, GatewayLedger l) => Found(l.Intent(id), "payment_intent", id));
        group.MapGet("/payment_intents", (string? customer, HttpRequest r, GatewayLedger l) =>
            GatewayWire.Answer(new GatewayAnswer(200, new ListObject<PaymentIntentObject>(r.Path, l.Intents(customer)))));
    }

    private static async Task<IResult> Post(HttpContext context, GatewayLedger ledger, Func<IFormCollection, GatewayAnswer> handle)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var fingerprint = context.Request.Path + "?" + string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + f.Value));
        var (answer, replayed) = ledger.Idempotent(key, fingerprint, () => handle(form));
        if (key is not null)
        {
            context.Response.Headers["Idempotency-Key"] = key;
        }

        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return GatewayWire.Answer(answer);
    }

    private static IResult Found(object? found, string kind, string id) => GatewayWire.Answer(found is not null
        ? new GatewayAnswer(200, found)
        : new GatewayAnswer(404, new ErrorBody(new GatewayError("invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", "id"))));
}
