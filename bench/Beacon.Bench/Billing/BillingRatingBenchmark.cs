using System.Diagnostics;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using Beacon.Billing;
using Beacon.Billing.Rating;
using Beacon.SharedKernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Bench.Billing;

/// <summary>
/// Rates one brokerage's month of N usage events (default 10,000,000, bulk-generated with generate_series into the
/// month's partition) with the real <see cref="MonthRater"/>, as the <c>billing.rate-month</c> job runs it: one
/// transaction that reads the distinct usage, upserts the invoice and its lines, numbers it and publishes
/// <c>billing.invoice_issued</c>. Prints the generation and rating times and checks the invoice lines against the rows.
/// </summary>
internal sealed class BillingRatingBenchmark : IBenchmark
{
    public string Name => "billing";

    public string Description => "rate a month of 10M usage events (--events N, --durable true|false)";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = new BenchArgs(args);
        var events = options.Int("--events", 10_000_000);
        await using var stack = await BenchStack.StartAsync(options.Bool("--durable", true), ct);
        var tenant = Guid.CreateVersion7();
        var month = BillingMonth.Of(TimeProvider.System.GetUtcNow()).Previous;
        Console.WriteLine($"load average before: {BenchArgs.LoadAverage()}");

        var generate = Stopwatch.StartNew();
        await UsageGenerator.GenerateAsync(stack.AdminConnectionString, tenant, month, events, ct);
        generate.Stop();
        Console.WriteLine($"generated {events:N0} usage events in {BenchArgs.F(generate.Elapsed.TotalSeconds)} s (generate_series, then ANALYZE)");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = stack.AppConnectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddPlatform(configuration);
        services.AddBillingModule(background: false);
        await using var provider = services.BuildServiceProvider();

        var rate = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonthRater>().RateAsync(tenant, month, ct);
        }

        rate.Stop();
        var seconds = rate.Elapsed.TotalSeconds;
        Console.WriteLine($"rated {events:N0} events in {BenchArgs.F(seconds, "0.00")} s ({BenchArgs.F(events / seconds / 1e6, "0.00")} M events/s); target ≤ 60 s");

        var mismatches = await LeadsBench.ScalarAsync(stack.AdminConnectionString, """
            SELECT count(*) FROM (SELECT meter, sum(quantity) AS q FROM billing.usage WHERE tenant_id = $1 GROUP BY meter) u
              FULL JOIN (SELECT meter, quantity AS q FROM billing.invoice_lines WHERE tenant_id = $1 AND kind = 'usage') l USING (meter)
             WHERE u.q IS DISTINCT FROM l.q
            """, tenant);
        var total = await LeadsBench.ScalarAsync(stack.AdminConnectionString,
            "SELECT total_cents FROM billing.invoices WHERE tenant_id = $1 AND status = 'open'", tenant);
        Console.WriteLine($"invoice: total {total:N0} cents; usage lines differing from the rows: {mismatches}");
        Console.WriteLine($"load average after: {BenchArgs.LoadAverage()}");
        return mismatches == 0 && seconds <= 60 ? 0 : 1;
    }
}
