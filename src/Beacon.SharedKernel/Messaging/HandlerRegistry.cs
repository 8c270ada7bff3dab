namespace Beacon.SharedKernel.Messaging;

/// <summary>Every handler this process knows, by name, and the handlers subscribed to each event name.</summary>
internal sealed class HandlerRegistry(IEnumerable<HandlerRegistration> registrations)
{
    private readonly Dictionary<string, HandlerRegistration> _byName =
        registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);

    private readonly Dictionary<string, string[]> _byEvent = registrations
        .Where(r => r.EventName is not null)
        .GroupBy(r => r.EventName!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Name).ToArray(), StringComparer.Ordinal);

    public IReadOnlyList<string> SubscribersOf(string eventName) =>
        _byEvent.TryGetValue(eventName, out var names) ? names : [];

    public bool TryGet(string name, out HandlerRegistration registration) =>
        _byName.TryGetValue(name, out registration!);
}
