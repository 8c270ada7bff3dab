namespace Beacon.SharedKernel.Email;

/// <summary>One plain-text e-mail to one recipient, queued with <see cref="EmailQueue.EnqueueEmail"/>.</summary>
public sealed record EmailMessage(string To, string Subject, string Text);
