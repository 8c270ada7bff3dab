using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// One provider call handed from a dispatching transaction to the runner. <see cref="TypedValues"/> are the
/// lead's own values for fields a provider may also return (never overwritten); <see cref="EuSubject"/> asks for
/// the Art. 14 notice once data arrives. <see cref="Lane"/> is the dispatching transaction's: the result of a call
/// an import started, and the work it causes, stay in the bulk lane.
/// </summary>
internal sealed record CallWork(
    Guid TenantId,
    Guid LeadId,
    string Provider,
    Guid Token,
    int Attempt,
    ProviderInput Input,
    string? PollLocation,
    IReadOnlyDictionary<string, string> TypedValues,
    bool EuSubject,
    JobLane Lane = JobLane.Interactive);

/// <summary>The durable job per lead × provider: a scheduled retry or a 202 poll.</summary>
internal sealed record FetchPayload(Guid LeadId, string Provider, Guid Token);

/// <summary>The backstop of the calls a transaction handed to the runner: re-dispatch what never reported back.</summary>
internal sealed record RecoverPayload(Guid LeadId);
