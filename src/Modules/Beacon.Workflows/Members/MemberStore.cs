using Dapper;
using Npgsql;

namespace Beacon.Workflows.Members;

internal sealed record Member(Guid UserId, string Email, string DisplayName, string Role, bool Active, string? Phone = null,
    string? Signature = null)
{
    /// <summary>
    /// The member's own signature, or one made of their name, phone and e-mail, so a message that ends with
    /// <c>{{agent.signature}}</c> is always signed by a person.
    /// </summary>
    public string SignatureOrDefault =>
        string.IsNullOrWhiteSpace(Signature) ? string.Join("\n", new[] { DisplayName, Phone, Email }.Where(s => !string.IsNullOrWhiteSpace(s))) : Signature;

    /// <summary>The <c>agent.*</c> merge values of this member; a lead without an agent gets "your agent" and no contact details.</summary>
    public static Dictionary<string, string?> MergeValues(Member? agent) => new()
    {
        ["agent.name"] = agent?.DisplayName ?? "your agent",
        ["agent.email"] = agent?.Email,
        ["agent.phone"] = agent?.Phone,
        ["agent.signature"] = agent?.SignatureOrDefault,
    };
}

internal static class MemberStore
{
    public static Task<Member?> FindAsync(NpgsqlConnection conn, Guid tenant, Guid userId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Member>(new CommandDefinition("""
            SELECT user_id AS UserId, email, display_name AS DisplayName, role, active, phone, signature
              FROM workflows.members WHERE tenant_id = @tenant AND user_id = @userId
            """, new { tenant, userId }, cancellationToken: ct));
}
