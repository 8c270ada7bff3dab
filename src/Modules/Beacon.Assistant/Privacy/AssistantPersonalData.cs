using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Assistant.Privacy;

/// <summary>
/// Erasure's part in the assistant: answers that named the lead (<c>lead_ids</c>) have every identifier of the person
/// blanked, and any message — a question typed by a user — has the person's distinctive identifiers (e-mail, phone,
/// full name) blanked; a message drafted to the person (<c>draft</c>) is dropped whole. The threads stay readable; the
/// person is no longer in them.
/// </summary>
internal sealed class AssistantEraser : IPersonalDataEraser
{
    public const string Erased = "[erased]";

    public string Module => "assistant";

    public async Task EraseLeadAsync(ErasureContext context, CancellationToken ct)
    {
        var subject = context.Subject;
        var args = new
        {
            tenant = context.TenantId,
            lead = subject.LeadId,
            leadText = subject.LeadId.ToString(),
            all = Pattern(subject.Identifiers),
            distinctive = Pattern(subject.DistinctiveIdentifiers),
            erased = Erased,
        };
        await context.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE assistant.messages SET text = regexp_replace(text, @all, @erased, 'gi'), lead_ids = array_remove(lead_ids, @lead)
             WHERE tenant_id = @tenant AND @lead = ANY(lead_ids) AND @all IS NOT NULL;
            UPDATE assistant.messages SET draft = NULL, lead_ids = array_remove(lead_ids, @lead)
             WHERE tenant_id = @tenant AND (@lead = ANY(lead_ids) OR draft->>'leadId' = @leadText);
            UPDATE assistant.messages SET text = regexp_replace(text, @distinctive, @erased, 'gi')
             WHERE tenant_id = @tenant AND @distinctive IS NOT NULL AND text ~* @distinctive;
            """, args, context.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// One PostgreSQL regular expression matching any of the values as literal text, longest first (so a full name is
    /// blanked whole before its first name would be); every character that is not a letter or digit is escaped.
    /// </summary>
    internal static string? Pattern(IReadOnlyList<string> values) => values.Count == 0
        ? null
        : string.Join('|', values.OrderByDescending(v => v.Length).Select(v =>
            string.Concat(v.Select(c => char.IsLetterOrDigit(c) ? new string(c, 1) : "\\" + c))));
}

/// <summary>The lead's section of an export: the assistant's answers that named them, and any message drafted to them.</summary>
internal sealed class AssistantExporter : IPersonalDataExporter
{
    public string Section => "assistant";

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var rows = (await context.Connection.QueryAsync<(Guid ThreadId, string Role, string Text, string? AgentName, DateTimeOffset CreatedAt, string? Draft)>(
            new CommandDefinition("""
                SELECT thread_id, role, text, agent_name, created_at, draft::text FROM assistant.messages
                 WHERE tenant_id = @tenant AND @lead = ANY(lead_ids) ORDER BY created_at
                """, new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct))).ToList();
        return rows.Count == 0
            ? null
            : new
            {
                answers = rows.Select(r => new
                {
                    r.ThreadId,
                    r.Text,
                    r.AgentName,
                    r.CreatedAt,
                    Draft = r.Draft is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(r.Draft),
                }).ToList(),
            };
    }
}
