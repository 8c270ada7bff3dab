using System.Collections.Concurrent;

namespace Beacon.Scoring.Serving;

/// <summary>
/// Kills the learned model for a tenant (or everyone) so that scoring must fall back to the scorecard: the switch
/// tests and drills use to prove the fallback keeps the latency promise.
/// </summary>
internal sealed class ModelFaultSwitch
{
    private readonly ConcurrentDictionary<Guid, bool> _tripped = new();

    public bool All { get; set; }

    public void Trip(Guid tenantId) => _tripped[tenantId] = true;

    public void Reset(Guid tenantId) => _tripped.TryRemove(tenantId, out _);

    public void ThrowIfTripped(Guid tenantId)
    {
        if (All || _tripped.ContainsKey(tenantId))
        {
            throw new ModelUnavailableException("The model is switched off (fault switch).");
        }
    }
}

internal sealed class ModelUnavailableException(string message) : Exception(message);
