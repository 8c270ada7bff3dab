using System.Data.Common;
using Beacon.Contracts.Leads;
using Beacon.Workflows.Engine;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// What a step names outside itself, checked at save time: stages exist and agents may hold leads (asked of the Leads
/// module), and a webhook's URL is one this environment may call (https, and not our own network: WebhookTargets).
/// </summary>
internal static class StepReferences
{
    public static async Task<Dictionary<string, string[]>> CheckAsync(SaveWorkflowRequest request, DbConnection connection, Guid tenant,
        ILeadAutomation leads, bool development, WebhookTargets targets, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var steps = request.Steps!;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i]!;
            if (step.Type == "set_stage" && !leads.Stages.Contains(step.Stage))
            {
                errors[$"steps[{i}].stage"] = [$"Unknown stage; one of {string.Join(", ", leads.Stages)}."];
            }
            else if (step is { Type: "branch", Field: "stage" } && !leads.Stages.Contains(step.Value?.Trim()))
            {
                errors[$"steps[{i}].value"] = [$"Unknown stage; one of {string.Join(", ", leads.Stages)}."];
            }
            else if (step is { Type: "assign", AgentId: { } agent } && !await leads.IsAssignableAsync(connection, tenant, agent, ct))
            {
                errors[$"steps[{i}].agentId"] = ["No active agent of this brokerage has this id."];
            }
            else if (step.Type == "webhook" && !WebhookRules.Allowed(new Uri(step.Url!), development))
            {
                errors[$"steps[{i}].url"] = ["Use https; plain http only reaches this machine while developing."];
            }
            else if (step.Type == "webhook" && await targets.RefusalAsync(new Uri(step.Url!), ct) is { } refusal)
            {
                errors[$"steps[{i}].url"] = [refusal];
            }
        }

        return errors;
    }
}
