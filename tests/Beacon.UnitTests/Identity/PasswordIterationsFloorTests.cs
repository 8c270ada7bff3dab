using Beacon.Identity;
using Beacon.Identity.Passwords;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Identity;

public sealed class PasswordIterationsFloorTests
{
    [Theory]
    [InlineData("Production", 1_000, false)]
    [InlineData("Production", 209_999, false)]
    [InlineData("Production", 210_000, true)]
    [InlineData("Staging", 1_000, false)]
    [InlineData("Development", 1_000, true)]
    public void Fewer_than_OWASPs_iterations_are_refused_outside_Development(string environment, int iterations, bool accepted)
    {
        var result = new PasswordIterationsFloor(new Host(environment))
            .Validate(null, new AuthOptions { PasswordIterations = iterations });

        result.Succeeded.ShouldBe(accepted);
        if (!accepted)
        {
            result.FailureMessage.ShouldNotBeNull().ShouldContain("Beacon:Auth:PasswordIterations");
        }
    }

    private sealed class Host(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Beacon.Server";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
