using Beacon.Webhooks.Delivery;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret";
    private const string Body = """{"id":"1","type":"webhook.ping"}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_timestamp_dot_body()
    {
        // Computed independently: printf '1800000000.{"id":"1","type":"webhook.ping"}' | openssl dgst -sha256 -hmac whsec_test-secret
        WebhookSignature.Sign(Secret, 1_800_000_000, Body)
            .ShouldBe("v1=a6d99d1327376835a2a35979d4fb523d9b7b245ef4667804c463c850306846fa");
    }

    [Fact]
    public void Verification_accepts_the_right_secret_and_refuses_a_wrong_secret_a_changed_body_or_an_old_timestamp()
    {
        var header = WebhookSignature.Header([Secret], 1_800_000_000, Body);

        WebhookSignature.Verify(Secret, "1800000000", header, Body, Now, Tolerance).ShouldBeTrue();
        WebhookSignature.Verify("whsec_other", "1800000000", header, Body, Now, Tolerance).ShouldBeFalse();
        WebhookSignature.Verify(Secret, "1800000000", header, Body + " ", Now, Tolerance).ShouldBeFalse();
        WebhookSignature.Verify(Secret, "1800000001", header, Body, Now, Tolerance).ShouldBeFalse("the timestamp is signed");
        WebhookSignature.Verify(Secret, "1800000000", header, Body, Now.AddMinutes(6), Tolerance).ShouldBeFalse("too old");
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies()
    {
        var header = WebhookSignature.Header(["whsec_new", "whsec_old"], 1_800_000_000, Body);

        WebhookSignature.Verify("whsec_new", "1800000000", header, Body, Now, Tolerance).ShouldBeTrue();
        WebhookSignature.Verify("whsec_old", "1800000000", header, Body, Now, Tolerance).ShouldBeTrue();
    }
}
