namespace Beacon.Contracts.Events;

/// <summary>The stable wire name of an integration event, e.g. <c>lead.created</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
