using System.Globalization;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Workflows;

namespace Beacon.Assistant.Engine.Agents;

/// <summary>
/// "Create a task to call Jane tomorrow", "enrol Jane Doe in Spring nurture": finds the lead among the person's
/// visible leads, and proposes the action — nothing changes until the person confirms it on the socket, when
/// <see cref="IFollowUps"/> acts with their permissions (and checks them again).
/// </summary>
internal sealed class FollowUpAgent(ILeadFinder finder, IFollowUps followUps) : IAgent
{
    private const string Help = "I can create a task on one of your leads (“create a task to call Jane Doe tomorrow”) or enrol a lead in a "
        + "workflow (“enrol Jane Doe in Spring nurture”). Which lead, and what should I do?";

    public string Name => AgentNames.FollowUp;

    public async Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        if (FollowUpQuestion.Parse(request.Text, request.Now) is not { } ask)
        {
            return new AgentAnswer(Name, Help, []);
        }

        var (lead, instead) = await NamedLead.FindAsync(finder, request.User, ask.LeadName, Name, ct);
        if (lead is null)
        {
            return instead!;
        }

        return ask.IsEnrolment ? await EnrolAsync(request, lead, ask.Workflow!, ct) : Task(lead, ask);
    }

    private AgentAnswer Task(FoundLead lead, FollowUpQuestion ask)
    {
        var title = $"{ask.Verb} {lead.Name}";
        var summary = string.Create(CultureInfo.InvariantCulture, $"Create the task “{title}” for you, due {ask.DueAt:ddd d MMM HH:mm} UTC.");
        return Propose(lead, summary, (user, ct) => followUps.CreateTaskAsync(user, lead.LeadId, title, ask.DueAt, ct));
    }

    private async Task<AgentAnswer> EnrolAsync(AgentRequest request, FoundLead lead, string asked, CancellationToken ct)
    {
        var workflows = await followUps.ActiveWorkflowsAsync(request.User, ct);
        if (workflows.Count == 0)
        {
            return new AgentAnswer(Name, "There is no workflow you can enrol leads in: enrolling takes a team lead or above, and an active workflow.",
                [lead.LeadId]);
        }

        var chosen = workflows.Where(w => asked.Contains(w.Name, StringComparison.OrdinalIgnoreCase) || w.Name.Contains(asked, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(w => w.Name.Length).FirstOrDefault();
        if (chosen is null)
        {
            var list = string.Join("", workflows.Take(10).Select(w => $"\n• {w.Name}"));
            return new AgentAnswer(Name, $"No active workflow is called “{asked}”. These are:{list}", [lead.LeadId]);
        }

        return Propose(lead, $"Enrol {lead.Name} in the workflow “{chosen.Name}”.",
            (user, ct2) => followUps.EnrolAsync(user, lead.LeadId, chosen.Id, ct2));
    }

    private AgentAnswer Propose(FoundLead lead, string summary, Func<System.Security.Claims.ClaimsPrincipal, CancellationToken, Task<FollowUpOutcome>> act) =>
        new(Name, $"{summary}\nConfirm and I’ll do it, or cancel.", [lead.LeadId], new ProposedAction(summary, [lead.LeadId], act));
}
