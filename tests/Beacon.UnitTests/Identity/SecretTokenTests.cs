using Beacon.Identity.Passwords;
using Beacon.Identity.Tokens;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Identity;

public sealed class SecretTokenTests
{
    [Fact]
    public void A_token_carries_its_tenant_and_only_parses_with_its_own_prefix()
    {
        var tenant = Guid.NewGuid();
        var token = SecretToken.Create(SecretToken.ApiKeyPrefix, tenant);

        SecretToken.TryParse(token, SecretToken.ApiKeyPrefix, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(tenant);
        SecretToken.TryParse(token, SecretToken.RefreshPrefix, out _).ShouldBeFalse();
        SecretToken.TryParse(token[..^1], SecretToken.ApiKeyPrefix, out _).ShouldBeFalse();
        SecretToken.TryParse(null, SecretToken.ApiKeyPrefix, out _).ShouldBeFalse();
    }

    [Fact]
    public void Two_tokens_of_one_tenant_differ_and_hints_do_not_reveal_them()
    {
        var tenant = Guid.NewGuid();
        var a = SecretToken.Create(SecretToken.ApiKeyPrefix, tenant);
        var b = SecretToken.Create(SecretToken.ApiKeyPrefix, tenant);
        a.ShouldNotBe(b);
        SecretToken.Hash(a).ShouldNotBe(SecretToken.Hash(b));
        SecretToken.Hint(a).Length.ShouldBeLessThan(a.Length - 30);
    }

    [Theory]
    [InlineData("short", true)]
    [InlineData("beacon-demo", true)]
    [InlineData("Password123", true)]
    [InlineData("Quiet-harbour-42", false)]
    [InlineData("a-long-and-unusual-phrase", false)]
    public void Weak_passwords_are_refused(string password, bool weak) =>
        (PasswordService.Weakness(password, "someone@example.test") is not null).ShouldBe(weak);
}
