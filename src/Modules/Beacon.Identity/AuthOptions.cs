using System.ComponentModel.DataAnnotations;

namespace Beacon.Identity;

internal sealed class AuthOptions
{
    public const string Section = "Beacon:Auth";

    [Required]
    public string Issuer { get; set; } = "beacon";

    [Required]
    public string Audience { get; set; } = "beacon-api";

    /// <summary>Base64 of 32 random bytes; encrypts signing keys at rest. From the environment, never the repo.</summary>
    [Required(ErrorMessage = "Beacon:Auth:KeyEncryptionKey must be set (base64 of 32 random bytes).")]
    public string KeyEncryptionKey { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A signing key signs for this long, then its successor takes over; it stays published until its tokens expire.</summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations; OWASP's Password Storage Cheat Sheet asks for 210,000, the floor outside
    /// Development (<see cref="Passwords.PasswordIterationsFloor"/>).
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>Failures of one account from one address, within the window, that lock that pair (only).</summary>
    [Range(3, 100)]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>Failures from one address over any accounts, within the window, that lock that address.</summary>
    [Range(3, 1_000_000)]
    public int AddressLockoutThreshold { get; set; } = 50;

    /// <summary>
    /// Failures of one account from all addresses, within the window, past which each attempt on it is slowed by
    /// <see cref="AccountSlowdownDelay"/> and a warning logged. Never a lock: that would let anyone lock anyone out.
    /// </summary>
    [Range(3, 1_000_000)]
    public int AccountSlowdownThreshold { get; set; } = 20;

    public TimeSpan AccountSlowdownDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an e-mailed confirmation link (signup, accepted invitation) stays valid.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an e-mailed password-reset link stays valid (it also stops working once used).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Reset e-mails one account gets per hour at most; past it "forgot password" answers alike but sends nothing.</summary>
    [Range(1, 100)]
    public int PasswordResetsPerHour { get; set; } = 5;

    /// <summary>
    /// Where people reach the web app; e-mailed links start with it. Configured, never taken from the request's
    /// Host header, which a caller could point at a server of theirs to harvest confirmation tokens.
    /// </summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long a node trusts its cached view of a user or API key (role, active, revoked).</summary>
    public TimeSpan PrincipalCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
