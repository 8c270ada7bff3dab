using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Beacon.IntegrationTests.Payments;

/// <summary>One server pointed at the sandbox gateway, one brokerage, and what the payments tests ask of them.</summary>
internal sealed class PaymentsHarness : IAsyncDisposable
{
    private PaymentsHarness(PaymentsFixture fixture, BeaconFactory factory, TenantSession owner)
    {
        Fixture = fixture;
        Factory = factory;
        Owner = owner;
    }

    public PaymentsFixture Fixture { get; }

    public BeaconFactory Factory { get; }

    public TenantSession Owner { get; }

    public HttpClient Client => Owner.Client;

    public static async Task<PaymentsHarness> StartAsync(PaymentsFixture fixture, string? retrySchedule = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var factory = new BeaconFactory(fixture.Database, retrySchedule is null ? fixture.Settings(overrides: overrides)
            : fixture.Settings(retrySchedule, overrides));
        var owner = await ApiClient.SignupAsync(factory.CreateClient);
        var harness = new PaymentsHarness(fixture, factory, owner);
        // Dunning e-mails go to the owners Payments has heard of (user.joined): wait until it has.
        await Poller.UntilAsync(() => fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM payments.recipients WHERE tenant_id = $1", owner.TenantId), n => n == 1, because: "the owner is projected");
        return harness;
    }

    public async Task<JsonElement> SetCardAsync(string token)
    {
        var response = await Client.PutAsJsonAsync("/api/v1/payments/method", new { token });
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    /// <summary>What Billing does when it finalises an invoice: publish <see cref="InvoiceIssued"/> through the outbox.</summary>
    public async Task<Guid> IssueInvoiceAsync(long amountCents = 14_900, Guid? invoiceId = null, Guid? eventId = null)
    {
        var id = invoiceId ?? Guid.CreateVersion7();
        var db = Factory.Services.GetRequiredService<Db>();
        await using var tx = await db.BeginAsync(Owner.TenantId, CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        tx.Publish(new InvoiceIssued(eventId ?? Guid.CreateVersion7(), Owner.TenantId, now, id, $"INV-{id.ToString()[..8]}", amountCents, "USD", now));
        await tx.CommitAsync(CancellationToken.None);
        return id;
    }

    public async Task<JsonElement> InvoiceAsync(Guid invoiceId)
    {
        var invoices = await Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/invoices", ApiClient.Json);
        return invoices.EnumerateArray().Single(i => i.GetProperty("invoiceId").GetGuid() == invoiceId);
    }

    public async Task<JsonElement> UntilInvoiceAsync(Guid invoiceId, Func<JsonElement, bool> done, string because)
    {
        var list = await Poller.UntilAsync(async () => await Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/invoices", ApiClient.Json),
            l => l.EnumerateArray().Any(i => i.GetProperty("invoiceId").GetGuid() == invoiceId && done(i)), TimeSpan.FromSeconds(30), because);
        return list.EnumerateArray().Single(i => i.GetProperty("invoiceId").GetGuid() == invoiceId);
    }

    public async Task<JsonElement> StandingAsync() =>
        await Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/standing", ApiClient.Json);

    public async Task<List<string>> EventsAsync(string prefix = "billing.") =>
        [.. ((await Fixture.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(type, ',' ORDER BY seq), '') FROM platform.events WHERE tenant_id = $1 AND type LIKE $2",
            Owner.TenantId, prefix + "%")) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];

    public async Task<string> CustomerIdAsync() =>
        (await Fixture.Database.ScalarAsync<string>("SELECT gateway_customer_id FROM payments.customers WHERE tenant_id = $1", Owner.TenantId))!;

    /// <summary>The payment intents the gateway holds for this brokerage: the ground truth of what was charged.</summary>
    public async Task<List<JsonElement>> GatewayIntentsAsync()
    {
        var list = await Fixture.Sandbox.GetFromJsonAsync<JsonElement>($"/v1/payment_intents?customer={await CustomerIdAsync()}");
        return [.. list.GetProperty("data").EnumerateArray()];
    }

    public static void ShouldBeProblem(JsonElement problem, int status) => problem.GetProperty("status").GetInt32().ShouldBe(status);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
