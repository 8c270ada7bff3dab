using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Email;

public static class EmailQueue
{
    /// <summary>
    /// Queues <paramref name="message"/> in the same transaction as the change it reports: it is sent only if the
    /// change commits, and is never lost. Returns the message id, which is also the e-mail's Message-ID.
    /// </summary>
    public static Guid EnqueueEmail(this TenantTransaction transaction, EmailMessage message) =>
        transaction.Enqueue(SendEmailJob.Name, message);

    internal static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddJobHandler<EmailMessage, SendEmailJob>(SendEmailJob.Name);
        return services;
    }
}
