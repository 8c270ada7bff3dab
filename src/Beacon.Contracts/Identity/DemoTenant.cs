namespace Beacon.Contracts.Identity;

/// <summary>
/// "Demo Realty", seeded on an empty database by the embedded default: one user per role, all with the password
/// <c>beacon-demo</c>, a password Identity refuses everywhere else.
/// </summary>
public static class DemoTenant
{
    public static readonly Guid TenantId = Guid.Parse("0195d000-0000-7000-8000-0000000de0de");
    public static readonly Guid TeamId = Guid.Parse("0195d000-0000-7000-8000-00000000a001");
    public const string Name = "Demo Realty";

    /// <summary>The demo users' password (what the README and <c>./beacon run</c>'s banner give).</summary>
    public const string Password = "beacon-demo";

    public static IReadOnlyList<(Guid Id, string Email, string DisplayName, string Role, Guid? TeamId)> Users { get; } =
    [
        (Guid.Parse("0195d000-0000-7000-8000-000000000001"), "owner@demo.beacon.local", "Olivia Owner", Roles.Owner, null),
        (Guid.Parse("0195d000-0000-7000-8000-000000000002"), "admin@demo.beacon.local", "Adam Admin", Roles.Admin, null),
        (Guid.Parse("0195d000-0000-7000-8000-000000000003"), "teamlead@demo.beacon.local", "Tara Teamlead", Roles.TeamLead, TeamId),
        (Guid.Parse("0195d000-0000-7000-8000-000000000004"), "agent@demo.beacon.local", "Alex Agent", Roles.Agent, TeamId),
        (Guid.Parse("0195d000-0000-7000-8000-000000000005"), "readonly@demo.beacon.local", "Riley Readonly", Roles.ReadOnly, null),
    ];
}
