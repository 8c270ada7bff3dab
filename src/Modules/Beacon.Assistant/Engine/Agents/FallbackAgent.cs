namespace Beacon.Assistant.Engine.Agents;

/// <summary>Greetings, thanks and everything outside the assistant's reach: says what it can do instead of guessing.</summary>
internal sealed class FallbackAgent : IAgent
{
    public string Name => AgentNames.Fallback;

    public Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct) => Task.FromResult(new AgentAnswer(Name,
        "I’m Beacon’s assistant. I can find leads (“hot leads in Austin not contacted this week”), explain a score "
        + "(“why is Jane a B?”), count your pipeline by stage, and answer questions about using Beacon. "
        + "I can’t take actions for you yet.", []));
}
