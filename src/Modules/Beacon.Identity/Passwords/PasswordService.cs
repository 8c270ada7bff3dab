using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Passwords;

/// <summary>
/// The framework's PBKDF2 hasher (HMAC-SHA512) at OWASP's iteration count, a length policy, a refusal of the
/// most guessable passwords, and a dummy verification for unknown addresses so timing does not reveal accounts.
/// </summary>
internal sealed class PasswordService
{
    public const int MinLength = 10;
    public const int MaxLength = 128;
    public const string DemoPassword = "beacon-demo";

    private static readonly HashSet<string> Guessable = new(StringComparer.OrdinalIgnoreCase)
    {
        DemoPassword, "password123", "password1234", "1234567890", "qwertyuiop", "iloveyou123", "letmein123",
        "welcome123", "realestate", "realtor123", "0123456789", "passw0rd123", "administrator",
    };

    private readonly PasswordHasher<object> _hasher;
    private readonly string _dummyHash;

    public PasswordService(IOptions<AuthOptions> options)
    {
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterations,
        }));
        _dummyHash = _hasher.HashPassword(this, "an-account-that-does-not-exist");
    }

    public string Hash(string password) => _hasher.HashPassword(this, password);

    public bool Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(this, hash ?? _dummyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Null when acceptable, else why not. The demo password is for the demo tenant only.</summary>
    public static string? Weakness(string password, string email)
    {
        if (password.Length < MinLength)
        {
            return $"The password must have at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"The password must have at most {MaxLength} characters.";
        }

        if (Guessable.Contains(password) || password.Equals(email, StringComparison.OrdinalIgnoreCase))
        {
            return "This password is too easy to guess.";
        }

        return null;
    }
}
