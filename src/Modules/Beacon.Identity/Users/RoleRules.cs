using Beacon.Contracts.Identity;

namespace Beacon.Identity.Users;

/// <summary>
/// Who may manage whom. Owners manage everyone. Anyone else manages only roles strictly below their own and
/// grants only such roles, so an admin cannot create another admin or touch an owner.
/// </summary>
internal static class RoleRules
{
    public static bool CanManage(string actorRole, string targetRole) =>
        actorRole == Roles.Owner || Roles.Rank(actorRole) > Roles.Rank(targetRole);

    public static bool CanGrant(string actorRole, string newRole) =>
        Roles.IsKnown(newRole) && (actorRole == Roles.Owner || Roles.Rank(actorRole) > Roles.Rank(newRole));

    /// <summary>The less powerful of two roles: what an API key may do when its creator's role has changed.</summary>
    public static string Lower(string a, string b) => Roles.Rank(a) <= Roles.Rank(b) ? a : b;
}
