using System.ComponentModel.DataAnnotations;

namespace Beacon.SharedKernel.Email;

/// <summary><c>Beacon:Email</c>. Without <c>Smtp:Host</c> messages are written to the log instead (<c>./beacon run</c>).</summary>
internal sealed class EmailOptions
{
    public const string Section = "Beacon:Email";

    [Required]
    public string From { get; set; } = "Beacon <no-reply@beacon.local>";

    public SmtpOptions Smtp { get; set; } = new();
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    /// <summary>From the environment or user secrets, never the repository.</summary>
    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions: Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    [AllowedValues("Auto", "StartTls", "StartTlsWhenAvailable", "SslOnConnect", "None")]
    public string Security { get; set; } = "Auto";
}
