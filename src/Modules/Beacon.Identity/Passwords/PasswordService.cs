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

    // Shorter names ("al@…") would refuse half of all passwords for containing them.
    private const int MinPartLength = 4;

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

    /// <summary>
    /// Null when acceptable, else why not (NIST SP 800-63B 3.1.1.2): too short or long, a known common password, or
    /// built from the account's own e-mail local part or brokerage name. The demo password is for the demo tenant only.
    /// </summary>
    public static string? Weakness(string password, string email, string? brokerageName = null)
    {
        if (password.Length < MinLength)
        {
            return $"The password must have at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"The password must have at most {MaxLength} characters.";
        }

        if (Guessable.Contains(password) || CommonPasswords.Contains(password) || password.Equals(email, StringComparison.OrdinalIgnoreCase))
        {
            return "This password is too easy to guess: it is on a list of commonly used passwords. Choose a longer, uncommon one.";
        }

        var letters = Letters(password);
        var local = Letters(email.Split('@')[0]);
        var brokerage = Letters(brokerageName ?? "");
        if ((local.Length >= MinPartLength && letters.Contains(local, StringComparison.Ordinal))
            || (brokerage.Length >= MinPartLength && letters.Contains(brokerage, StringComparison.Ordinal)))
        {
            return "This password is too easy to guess: it contains your e-mail name or your brokerage's name.";
        }

        return null;
    }

    /// <summary>Lower-case letters and digits only, so "Harbour Homes" is found in "harbour_homes-1".</summary>
    private static string Letters(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
