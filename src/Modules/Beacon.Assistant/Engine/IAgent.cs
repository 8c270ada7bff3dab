using System.Security.Claims;
using Beacon.Contracts.Workflows;

namespace Beacon.Assistant.Engine;

/// <summary>
/// What an agent gets: the person it acts for (their tenant, role and team — every read goes through Contracts with
/// this principal, so an agent sees exactly what the person may) and what they typed.
/// </summary>
internal sealed record AgentRequest(ClaimsPrincipal User, string Text, DateTimeOffset Now);

/// <summary>An agent's whole answer, the leads it names (so a lead's erasure and export find the message), an action
/// it proposes, which waits for the person's confirmation, a message it drafted for the person to send, or why it
/// refused to draft one (both audited).</summary>
internal sealed record AgentAnswer(string AgentName, string Text, IReadOnlyList<Guid> LeadIds, ProposedAction? Proposal = null,
    Drafts.DraftOutcome? Drafting = null);

/// <summary>A change an agent offers to make; <paramref name="RunAsync"/> runs only once the person confirms, with
/// their principal at that moment.</summary>
internal sealed record ProposedAction(string Summary, IReadOnlyList<Guid> LeadIds,
    Func<ClaimsPrincipal, CancellationToken, Task<FollowUpOutcome>> RunAsync);

/// <summary>One specialist the supervisor routes to; its <see cref="Name"/> is the intent it answers and the <c>agent_name</c> shown.</summary>
internal interface IAgent
{
    string Name { get; }

    Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct);
}

/// <summary>The agents' names, which are also the classifier's intents and the labels of the shipped utterances.</summary>
internal static class AgentNames
{
    public const string LeadFinder = "lead_finder";
    public const string ScoreExplainer = "score_explainer";
    public const string PipelineAnalyst = "pipeline_analyst";
    public const string ProductHelp = "product_help";
    public const string FollowUp = "follow_up";
    public const string MessageDrafter = "message_drafter";
    public const string Fallback = "fallback";
}
