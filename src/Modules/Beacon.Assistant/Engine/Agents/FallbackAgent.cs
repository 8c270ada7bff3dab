namespace Beacon.Assistant.Engine.Agents;

/// <summary>Greetings, thanks and everything outside the assistant's reach: says what it can do instead of guessing.</summary>
internal sealed class FallbackAgent : IAgent
{
    public string Name => AgentNames.Fallback;

    public Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct) => Task.FromResult(new AgentAnswer(Name,
        "I’m Beacon’s assistant. I can find leads (“hot leads in Austin not contacted this week”), explain a score "
        + "(“why is Jane a B?”), count your pipeline by stage, create a task or enrol a lead once you confirm, draft an e-mail "
        + "or a text to a lead (“draft a text to Jane about the open house Saturday”), and answer questions about using Beacon.", []));
}
