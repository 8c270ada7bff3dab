namespace Beacon.Workflows.Engine;

/// <summary>
/// One attempt of a webhook step's POST. <paramref name="DeliveryId"/> is the same for every attempt (the
/// <c>Beacon-Webhook-Id</c> header), so a receiver can drop a repeat.
/// </summary>
internal sealed record WebhookDue(Guid EnrollmentId, int Step, Guid DeliveryId, int Attempt);
