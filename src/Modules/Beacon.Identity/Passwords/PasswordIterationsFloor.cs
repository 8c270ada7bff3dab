using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Passwords;

/// <summary>
/// OWASP's 210,000 PBKDF2 iterations are the floor of every deployment. Only a Development host (the in-process test
/// server) may set fewer: a hash costs about 107 ms of CPU on a CI core, and the test suite hashes a password at every
/// signup, invitation and sign-in. The default is 210,000 everywhere.
/// </summary>
internal sealed class PasswordIterationsFloor(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public const int Owasp = 210_000;

    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.PasswordIterations >= Owasp || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Beacon:Auth:PasswordIterations is {options.PasswordIterations}; at least {Owasp:N0} (OWASP) outside Development.");
}
