using System.Globalization;
using System.Net;
using System.Text;

namespace Beacon.Billing.Invoices;

/// <summary>The printable invoice: self-contained HTML (no scripts, no external resources), every value encoded.</summary>
internal static class InvoiceHtml
{
    public static string Render(BillingInvoiceDetail detail, Guid tenant)
    {
        var i = detail.Invoice;
        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append(c, $$"""
            <!doctype html><html><head><meta charset="utf-8"><title>{{E(i.Number ?? "Draft invoice")}}</title><style>
            body{font-family:"Liberation Sans",Arial,sans-serif;color:#1f2937;margin:40px;font-size:13px}
            h1{font-size:22px;margin:0 0 4px}table{width:100%;border-collapse:collapse;margin-top:24px}
            th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e5e7eb}td.n,th.n{text-align:right}
            .totals td{border:none}.muted{color:#6b7280}.status{text-transform:uppercase;font-weight:bold}
            </style></head><body>
            <h1>Beacon invoice {{E(i.Number ?? "(draft)")}}</h1>
            <div class="muted">Brokerage {{E(tenant.ToString())}} · period {{E(i.Month)}} · plan {{E(i.PlanCode)}}</div>
            <div>Status: <span class="status">{{E(i.Status)}}</span>{{(i.IssuedAt is { } issued ? $" · issued {Date(issued)}" : "")}}{{(i.DueAt is { } due ? $" · due {Date(due)}" : "")}}</div>
            <table><thead><tr><th>Description</th><th class="n">Quantity</th><th class="n">Amount</th></tr></thead><tbody>
            """);
        foreach (var line in detail.Lines)
        {
            html.Append(c, $"<tr><td>{E(line.Description)}</td><td class=\"n\">{line.Quantity:N0}</td><td class=\"n\">{Money(line.AmountCents, i.Currency)}</td></tr>");
        }

        html.Append(c, $"""
            </tbody></table><table class="totals">
            <tr><td class="n">Subtotal</td><td class="n">{Money(i.SubtotalCents, i.Currency)}</td></tr>
            <tr><td class="n">Tax ({i.TaxRateBasisPoints / 100m:0.##} %)</td><td class="n">{Money(i.TaxCents, i.Currency)}</td></tr>
            <tr><td class="n"><b>Total</b></td><td class="n"><b>{Money(i.TotalCents, i.Currency)}</b></td></tr>
            <tr><td class="n">Amount due</td><td class="n">{Money(i.Status == "paid" ? 0 : i.AmountDueCents, i.Currency)}</td></tr>
            </table></body></html>
            """);
        return html.ToString();
    }

    public static string Money(long cents, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{(cents < 0 ? "-" : "")}{Math.Abs(cents) / 100m:#,0.00} {currency.ToUpperInvariant()}");

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
