using System.ComponentModel.DataAnnotations;

namespace Beacon.Workflows.Definitions;

/// <summary>A template to render: an e-mail's subject and body, or (channel <c>sms</c>) a text's body, for a lead or a sample lead.</summary>
internal sealed record PreviewRequest(
    [property: Required, StringLength(10_000, MinimumLength = 1)] string? Body,
    [property: StringLength(200)] string? Subject = null,
    Guid? LeadId = null,
    [property: AllowedValues(null, "email", "sms")] string? Channel = null);

/// <summary>
/// One merge field as it rendered: the lead's <paramref name="Value"/>, or — the value missing — the
/// <paramref name="Fallback"/> written after its bar (empty when none, so the field is left out).
/// </summary>
internal sealed record PreviewField(string Field, string? Value, string? Fallback, bool FallbackUsed);

/// <summary>The rendering: whose values (<paramref name="Lead"/>, a sample when none was asked), the texts, and for a text its segments.</summary>
internal sealed record PreviewResponse(string Lead, bool Sample, string? Subject, string Body, IReadOnlyList<PreviewField> Fields,
    int? Segments);
