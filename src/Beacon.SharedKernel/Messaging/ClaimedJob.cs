using System.Text.Json;

namespace Beacon.SharedKernel.Messaging;

internal sealed record ClaimedJob(
    long Id,
    Guid TenantId,
    string Handler,
    Guid MessageId,
    JsonElement Payload,
    int Attempts,
    DateTimeOffset CreatedAt,
    Guid LockToken,
    JobLane Lane);
