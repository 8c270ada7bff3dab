using System.Globalization;
using Beacon.Payments.Collection;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Payments.Notices;

/// <summary>The e-mails dunning sends the brokerage's owners, queued in the transaction that records what they report.</summary>
internal sealed class DunningNotices(IOptions<PaymentsOptions> options)
{
    public Task FailedAsync(TenantTransaction tx, InvoiceRow invoice, string reason, DateTimeOffset? nextAttemptAt, CancellationToken ct) =>
        SendAsync(tx, $"Payment failed for invoice {invoice.Number}", $"""
            We could not collect {Money(invoice)} for invoice {invoice.Number}: {reason}

            {(nextAttemptAt is { } next
                ? $"We will try again on {next.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} (UTC). To pay now or use another card:"
                : "That was the last scheduled attempt. To pay now or use another card:")}
            {PayLink()}
            """, ct);

    public Task RestrictedAsync(TenantTransaction tx, InvoiceRow invoice, CancellationToken ct) =>
        SendAsync(tx, $"Your Beacon account is restricted: invoice {invoice.Number} is unpaid", $"""
            Invoice {invoice.Number} ({Money(invoice)}) is still unpaid after every scheduled attempt, so your brokerage's
            account is restricted: you can still sign in, read and export everything, but nothing new can be saved.
            Nothing has been deleted.

            Add a card and pay the invoice here, and the restriction is lifted at once:
            {PayLink()}
            """, ct);

    public Task RestoredAsync(TenantTransaction tx, InvoiceRow invoice, CancellationToken ct) =>
        SendAsync(tx, $"Invoice {invoice.Number} is paid: your account is restored", $"""
            Thank you: invoice {invoice.Number} ({Money(invoice)}) is paid and your brokerage's account works fully again.
            Your payments and the card on file: {PayLink()}
            """, ct);

    private static async Task SendAsync(TenantTransaction tx, string subject, string text, CancellationToken ct)
    {
        var owners = await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT email FROM payments.recipients WHERE tenant_id = @tenant AND role = 'owner' AND active ORDER BY email
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        foreach (var owner in owners)
        {
            tx.EnqueueEmail(new EmailMessage(owner, subject, text));
        }
    }

    private string PayLink() => options.Value.AppBaseUrl is { } app ? new Uri(app, Standing.PayPath).ToString() : Standing.PayPath;

    private static string Money(InvoiceRow invoice) =>
        string.Create(CultureInfo.InvariantCulture, $"{invoice.AmountCents / 100m:0.00} {invoice.Currency.ToUpperInvariant()}");
}
