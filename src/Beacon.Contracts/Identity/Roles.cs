namespace Beacon.Contracts.Identity;

/// <summary>The five roles, from most to least powerful. Their wire names are snake_case.</summary>
public static class Roles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string TeamLead = "team_lead";
    public const string Agent = "agent";
    public const string ReadOnly = "read_only";

    public static IReadOnlyList<string> All { get; } = [Owner, Admin, TeamLead, Agent, ReadOnly];

    /// <summary>Higher is more powerful; unknown roles rank below every real one.</summary>
    public static int Rank(string role) => role switch
    {
        Owner => 5,
        Admin => 4,
        TeamLead => 3,
        Agent => 2,
        ReadOnly => 1,
        _ => 0,
    };

    public static bool IsKnown(string role) => Rank(role) > 0;
}
