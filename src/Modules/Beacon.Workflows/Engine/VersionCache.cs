using System.Collections.Concurrent;
using Beacon.SharedKernel.Database;
using Beacon.Workflows.Definitions;

namespace Beacon.Workflows.Engine;

/// <summary>
/// The workflow versions the engine runs, read and parsed once per process: a version is never changed once written
/// (an edit inserts the next one, ADR 0027), so a cached copy cannot go stale, and every step of a busy workflow saves
/// a round trip and the JSON parse of its steps. The name is the one thing that changes without a new version; the step
/// reads it with the enrollment's lock and it replaces the cached one.
/// </summary>
internal sealed class VersionCache
{
    /// <summary>Far more versions than a node runs at once; past it the cache starts over rather than tracking use.</summary>
    private const int Capacity = 5_000;

    private readonly ConcurrentDictionary<(Guid Tenant, Guid Workflow, int Version), WorkflowVersion> _versions = new();

    public async Task<WorkflowVersion> GetAsync(TenantTransaction tx, EnrollmentRow enrollment, CancellationToken ct)
    {
        var key = (tx.TenantId, enrollment.WorkflowId, enrollment.Version);
        if (!_versions.TryGetValue(key, out var version))
        {
            version = await WorkflowStore.VersionAsync(tx.Connection, tx.Transaction, tx.TenantId, enrollment.WorkflowId,
                enrollment.Version, ct);
            if (_versions.Count >= Capacity)
            {
                _versions.Clear();
            }

            _versions[key] = version;
        }

        return version.Name == enrollment.WorkflowName ? version : version with { Name = enrollment.WorkflowName };
    }
}
