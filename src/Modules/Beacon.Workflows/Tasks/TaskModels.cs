using System.ComponentModel.DataAnnotations;

namespace Beacon.Workflows.Tasks;

internal sealed record CreateTaskRequest(
    [property: Required] Guid? LeadId,
    [property: Required, StringLength(200, MinimumLength = 1)] string Title,
    [property: Required] DateTimeOffset? DueAt,
    Guid? AssigneeId,
    [property: StringLength(2000)] string? Notes);

/// <summary>
/// A task as the API shows it. <paramref name="Bucket"/> places it in "my tasks": <c>overdue</c>, <c>today</c> (due
/// before the end of the viewer's day), <c>upcoming</c> or <c>done</c>.
/// </summary>
internal sealed record TaskResponse(Guid Id, Guid LeadId, string? LeadName, Guid AssigneeId, string? AssigneeName, string Title,
    string Notes, DateTimeOffset DueAt, string Bucket, DateTimeOffset? CompletedAt, Guid? CompletedBy, Guid? EnrollmentId,
    DateTimeOffset CreatedAt);

/// <summary>A task as Dapper reads it (settable properties take any compatible column type).</summary>
internal sealed class TaskRow
{
    public Guid Id { get; set; }

    public Guid LeadId { get; set; }

    public Guid AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public string Title { get; set; } = "";

    public string Notes { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    public Guid? EnrollmentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
