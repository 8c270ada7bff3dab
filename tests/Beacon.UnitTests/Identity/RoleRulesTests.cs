using Beacon.Identity.Users;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Identity;

public sealed class RoleRulesTests
{
    [Theory]
    [InlineData("owner", "owner", true)]
    [InlineData("owner", "admin", true)]
    [InlineData("admin", "admin", false)]
    [InlineData("admin", "owner", false)]
    [InlineData("admin", "team_lead", true)]
    [InlineData("team_lead", "agent", true)]
    [InlineData("agent", "read_only", true)]
    [InlineData("admin", "superuser", false)]
    public void Grants_only_roles_below_ones_own_except_for_owners(string actor, string role, bool allowed) =>
        RoleRules.CanGrant(actor, role).ShouldBe(allowed);

    [Theory]
    [InlineData("owner", "owner", true)]
    [InlineData("admin", "owner", false)]
    [InlineData("admin", "admin", false)]
    [InlineData("admin", "agent", true)]
    public void Manages_only_users_below_ones_own_role_except_for_owners(string actor, string target, bool allowed) =>
        RoleRules.CanManage(actor, target).ShouldBe(allowed);
}
