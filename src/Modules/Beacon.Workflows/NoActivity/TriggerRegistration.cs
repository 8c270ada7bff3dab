using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.NoActivity;

/// <summary>The triggers beyond a lead's creation and score: its handlers, and the no-activity sweep with its scheduler.</summary>
internal static class TriggerRegistration
{
    public static IServiceCollection AddLeadChangeTriggers(this IServiceCollection services, bool background)
    {
        services.AddSingleton<TriggerEnrollment>();
        services.AddEventHandler<LeadScored, LeadChangeTriggers>("workflows.lead-graded");
        services.AddEventHandler<LeadUpdated, LeadChangeTriggers>("workflows.lead-updated");
        services.AddEventHandler<LeadMerged, LeadChangeTriggers>("workflows.lead-merged");
        services.AddEventHandler<LeadAssigned, LeadChangeTriggers>("workflows.lead-assigned");
        services.AddEventHandler<LeadEnriched, LeadChangeTriggers>("workflows.lead-enriched");
        services.AddOptions<NoActivityOptions>().BindConfiguration(NoActivityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<NoActivityTick>();
        services.AddJobHandler<QuietSweepBatch, NoActivitySweepJob>(NoActivitySweepJob.Name, JobLane.Bulk);
        if (background)
        {
            services.AddPeriodicTick<NoActivityTick>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<NoActivityOptions>>().Value;
                return new TickSchedule(options.Enabled, options.Interval);
            }, "no-activity sweep");
        }

        return services;
    }
}
