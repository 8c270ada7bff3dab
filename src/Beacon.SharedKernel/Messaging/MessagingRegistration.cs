using System.Text.Json;
using Beacon.Contracts.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Messaging;

public static class MessagingRegistration
{
    /// <summary>Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/> under a stable name, in a lane.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string name,
        JobLane lane = JobLane.Interactive)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new HandlerRegistration(name, EventNames.Of<TEvent>(), typeof(THandler), lane,
            (sp, json, _, tx, ct) => sp.GetRequiredService<THandler>()
                .HandleAsync(Deserialize<TEvent>(json), tx, ct)));
        return services;
    }

    /// <summary>Registers a handler for jobs enqueued with <see cref="Database.TenantTransaction.Enqueue"/>.</summary>
    public static IServiceCollection AddJobHandler<TPayload, THandler>(this IServiceCollection services, string name,
        JobLane lane = JobLane.Interactive)
        where THandler : class, IJobHandler<TPayload>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new HandlerRegistration(name, null, typeof(THandler), lane,
            (sp, json, job, tx, ct) => sp.GetRequiredService<THandler>()
                .HandleAsync(Deserialize<TPayload>(json), job, tx, ct)));
        return services;
    }

    private static T Deserialize<T>(JsonElement json) =>
        json.Deserialize<T>(MessageJson.Options) ?? throw new JsonException($"Empty payload for {typeof(T).Name}.");
}
