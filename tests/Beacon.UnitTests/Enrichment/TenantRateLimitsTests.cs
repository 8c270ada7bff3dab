using Beacon.Enrichment;
using Beacon.Enrichment.Pipeline;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Enrichment;

public sealed class TenantRateLimitsTests
{
    [Fact]
    public void A_tenant_over_its_rate_waits_while_another_tenant_and_another_provider_go_on()
    {
        using var limits = new TenantRateLimits(Options.Create(new EnrichmentOptions { TenantCallsPerSecond = 2 }));
        var busy = Guid.NewGuid();

        limits.TryAcquire(busy, "property").ShouldBeTrue();
        limits.TryAcquire(busy, "property").ShouldBeTrue();
        limits.TryAcquire(busy, "property").ShouldBeFalse();
        limits.TryAcquire(busy, "person").ShouldBeTrue();
        limits.TryAcquire(Guid.NewGuid(), "property").ShouldBeTrue();
    }
}
