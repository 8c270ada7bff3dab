using Beacon.Leads.Model;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class PhoneAndEmailTests
{
    [Theory]
    [InlineData("(916) 555-0142", "+19165550142")]
    [InlineData("916.555.0142", "+19165550142")]
    [InlineData("916 555 0142", "+19165550142")]
    [InlineData("1-916-555-0142", "+19165550142")]
    [InlineData("+1 (916) 555-0142", "+19165550142")]
    [InlineData("916-555-0142 x12", "+19165550142")]
    [InlineData("916-555-0142 ext. 12", "+19165550142")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("011 44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    public void Valid_numbers_become_E164(string input, string expected)
    {
        PhoneNumbers.TryNormalize(input, out var e164).ShouldBeTrue();
        e164.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("555-0142")]
    [InlineData("call me")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("(016) 555-0142")]
    [InlineData("(916) 155-0142")]
    [InlineData("+1 916 555 01")]
    [InlineData("+0 123 456 789")]
    [InlineData("12345678901234567890")]
    [InlineData("916-555-0142; DROP TABLE leads")]
    public void Invalid_numbers_are_refused(string input) => PhoneNumbers.TryNormalize(input, out _).ShouldBeFalse();

    [Theory]
    [InlineData(" Maria.Lopez@Example.COM ", "maria.lopez@example.com")]
    [InlineData("a+tag@sub.example.co", "a+tag@sub.example.co")]
    public void Emails_are_trimmed_and_lower_cased(string input, string expected)
    {
        EmailAddresses.TryNormalize(input, out var email).ShouldBeTrue();
        email.ShouldBe(expected);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("a@b")]
    [InlineData("a@@example.com")]
    [InlineData("a b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("a@-example.com")]
    [InlineData("a@example.123")]
    public void Malformed_emails_are_refused(string input) => EmailAddresses.TryNormalize(input, out _).ShouldBeFalse();
}
