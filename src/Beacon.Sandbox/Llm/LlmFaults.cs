using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Beacon.Sandbox.Llm;

/// <summary>What the next completions do instead of answering: fail with <paramref name="Status"/>, or wait
/// <paramref name="DelayMs"/> before the first byte. <paramref name="Times"/> requests are affected (0: all, until cleared).</summary>
internal sealed record LlmFault(int? Status, int DelayMs = 0, int Times = 0);

/// <summary>The fake model's test controls and what it received (tests read it to see what left Beacon).</summary>
internal sealed class LlmState
{
    private readonly Lock _gate = new();
    private LlmFault? _fault;
    private int _remaining;

    public ConcurrentQueue<JsonNode> Received { get; } = new();

    public void Arm(LlmFault? fault)
    {
        lock (_gate)
        {
            _fault = fault;
            _remaining = fault?.Times ?? 0;
        }
    }

    /// <summary>The fault this request meets, if any, counting it down.</summary>
    public LlmFault? Take()
    {
        lock (_gate)
        {
            if (_fault is not { } fault)
            {
                return null;
            }

            if (fault.Times > 0 && --_remaining <= 0)
            {
                _fault = null;
            }

            return fault;
        }
    }
}
