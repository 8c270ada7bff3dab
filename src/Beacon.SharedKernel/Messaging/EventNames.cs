using System.Collections.Concurrent;
using System.Reflection;
using Beacon.Contracts.Events;

namespace Beacon.SharedKernel.Messaging;

public static class EventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type eventType) => Names.GetOrAdd(eventType, static t =>
        t.GetCustomAttribute<EventNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"{t.Name} has no [EventName]."));

    public static string Of<TEvent>()
        where TEvent : IntegrationEvent => Of(typeof(TEvent));
}
