using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Billing.Plans;

/// <summary>A new brokerage starts on the default plan, with that plan's trial; its owner is its first seat.</summary>
internal sealed class SubscriptionStarter(IOptions<BillingOptions> options) : IEventHandler<TenantCreated>
{
    public async Task HandleAsync(TenantCreated e, TenantTransaction tx, CancellationToken ct)
    {
        var plan = await PlanCatalog.FindAsync(tx.Connection, tx.Transaction, options.Value.DefaultPlan, ct)
            ?? throw new InvalidOperationException($"Beacon:Billing:DefaultPlan '{options.Value.DefaultPlan}' is no plan.");
        DateTimeOffset? trialEnds = plan.TrialDays > 0 ? e.OccurredAt.AddDays(plan.TrialDays) : null;
        await SubscriptionStore.StartAsync(tx, plan.Code, trialEnds, e.OccurredAt, ct);
    }
}
