namespace Beacon.Contracts.Identity;

/// <summary>
/// Authorization policy names every module uses. Each admits its role and every role above it
/// (owner ⊃ admin ⊃ team lead ⊃ agent ⊃ read-only).
/// </summary>
public static class Policies
{
    public const string Owner = "role:owner";
    public const string Admin = "role:admin";
    public const string TeamLead = "role:team_lead";
    public const string Agent = "role:agent";
    public const string ReadOnly = "role:read_only";
}
