using Beacon.Identity.Passwords;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Identity;

public sealed class PasswordListTests
{
    [Fact]
    public void The_shipped_common_password_list_holds_about_ten_thousand_entries_of_ten_or_more_characters()
    {
        CommonPasswords.Count.ShouldBeInRange(9_000, 11_000);
        CommonPasswords.Contains("AAAAAAAAAAAA").ShouldBeTrue("matching ignores case");
        CommonPasswords.Contains("correct-horse-battery-9").ShouldBeFalse();
    }
}
