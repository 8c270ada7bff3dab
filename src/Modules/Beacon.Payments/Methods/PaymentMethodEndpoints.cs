using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Payments.Gateway;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Payments.Methods;

/// <summary>The card the brokerage pays with: a token from the gateway's card form in, brand and last 4 digits out.</summary>
internal sealed record SetPaymentMethodRequest(
    [property: Required, StringLength(200), RegularExpression("^pm_[A-Za-z0-9_]+$", ErrorMessage = "Expected a payment method token (pm_…).")]
    string Token);

internal sealed record CardView(string Brand, string Last4, int ExpMonth, int ExpYear, DateTimeOffset UpdatedAt);

internal sealed record PaymentMethodResponse(CardView? Card);

internal static class PaymentMethodEndpoints
{
    public static void Map(RouteGroupBuilder payments)
    {
        payments.MapGet("/method", GetAsync).WithName("GetPaymentMethod").WithSummary("The card on file (brand, last 4 digits, expiry), if any.");
        payments.MapPut("/method", SetAsync).WithName("SetPaymentMethod")
            .WithSummary("Add or replace the card on file with a token from the gateway's card form; later charges use it.");
    }

    private static async Task<Ok<PaymentMethodResponse>> GetAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var card = await conn.QuerySingleOrDefaultAsync<CardView>(new CommandDefinition("""
            SELECT card_brand AS Brand, card_last4 AS Last4, card_exp_month AS ExpMonth, card_exp_year AS ExpYear, updated_at AS UpdatedAt
              FROM payments.customers WHERE tenant_id = @tenant AND payment_method_id IS NOT NULL
            """, new { tenant = actor.TenantId() }, cancellationToken: ct));
        return TypedResults.Ok(new PaymentMethodResponse(card));
    }

    private static async Task<Results<Ok<CardView>, ValidationProblem, ProblemHttpResult>> SetAsync(SetPaymentMethodRequest request,
        ClaimsPrincipal actor, Db db, IPaymentGateway gateway, TimeProvider clock, CancellationToken ct)
    {
        var tenant = actor.TenantId();
        await using var tx = await db.BeginAsync(tenant, ct);
        var customerId = await tx.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT gateway_customer_id FROM payments.customers WHERE tenant_id = @tenant FOR UPDATE",
            new { tenant }, tx.Transaction, cancellationToken: ct));
        CardOnFile? card;
        try
        {
            customerId ??= await gateway.CreateCustomerAsync(tenant, ct);
            card = await gateway.AttachAsync(customerId, request.Token, ct);
        }
        catch (Exception e) when (GatewayFailure.Problem(e) is { } problem)
        {
            return problem;
        }

        if (card is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["The gateway does not know this card token."] });
        }

        var now = clock.GetUtcNow();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.customers (tenant_id, gateway_customer_id, payment_method_id, card_brand, card_last4, card_exp_month, card_exp_year, updated_at)
            VALUES (@tenant, @customerId, @PaymentMethodId, @Brand, @Last4, @ExpMonth, @ExpYear, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET payment_method_id = excluded.payment_method_id, card_brand = excluded.card_brand,
                card_last4 = excluded.card_last4, card_exp_month = excluded.card_exp_month, card_exp_year = excluded.card_exp_year,
                updated_at = excluded.updated_at
            """, new { tenant, customerId, card.PaymentMethodId, card.Brand, card.Last4, card.ExpMonth, card.ExpYear, now },
            tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CardView(card.Brand, card.Last4, card.ExpMonth, card.ExpYear, now));
    }
}
