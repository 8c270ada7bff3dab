using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Beacon.SharedKernel.Email;

/// <summary>
/// Sends one queued e-mail over SMTP (MailKit), or writes it to the log when no SMTP host is configured. The job
/// queue's inbox runs a job once it has completed; if a node dies between the SMTP server's acceptance and the
/// job's commit, the retry carries the same Message-ID (the job's message id), so receivers can drop the duplicate.
/// </summary>
internal sealed partial class SendEmailJob(IOptions<EmailOptions> options, ILogger<SendEmailJob> logger)
    : IJobHandler<EmailMessage>
{
    public const string Name = "platform.send-email";

    public async Task HandleAsync(EmailMessage payload, JobInfo job, TenantTransaction transaction, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage { Subject = payload.Subject, MessageId = $"{job.MessageId:N}@beacon" };
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(payload.To));
        message.Body = new TextPart("plain") { Text = payload.Text };
        if (string.IsNullOrWhiteSpace(o.Smtp.Host))
        {
            LogInstead(payload.To, payload.Subject, message.MessageId, payload.Text);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.Smtp.Host, o.Smtp.Port, Enum.Parse<SecureSocketOptions>(o.Smtp.Security), ct);
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
        {
            await smtp.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    [LoggerMessage(LogLevel.Information,
        "No SMTP server configured (Beacon:Email:Smtp:Host); e-mail to {To} not sent. Subject: {Subject}; Message-ID: {MessageId}; text: {Text}")]
    private partial void LogInstead(string to, string subject, string messageId, string text);
}
