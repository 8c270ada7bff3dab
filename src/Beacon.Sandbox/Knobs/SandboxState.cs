namespace Beacon.Sandbox.Knobs;

/// <summary>Everything a test may change or inspect at run time: the knobs of each provider and the call counters.</summary>
internal sealed class SandboxState
{
    public const string Property = "property";
    public const string Person = "person";
    public const string Credit = "credit";
    public const string Gateway = "gateway";
    public const string Sms = "sms";

    public static readonly IReadOnlyList<string> ProviderNames = [Credit, Gateway, Person, Property, Sms];

    private readonly Dictionary<string, ProviderRuntime> _providers;

    public SandboxState(IConfiguration configuration)
    {
        _providers = new Dictionary<string, ProviderRuntime>(StringComparer.OrdinalIgnoreCase)
        {
            [Property] = Load(configuration, "Property", new ProviderKnobs { ApiKey = "sandbox-property-key" }),
            [Person] = Load(configuration, "Person", new ProviderKnobs { ApiKey = "sandbox-person-key" }),
            [Credit] = Load(configuration, "Credit", new ProviderKnobs { ApiKey = "sandbox-credit-token" }),
            [Gateway] = Load(configuration, "Gateway", new ProviderKnobs { ApiKey = "sk_test_sandbox" }),
            [Sms] = Load(configuration, "Sms", new ProviderKnobs { ApiKey = "ACsandbox:sandbox-sms-token" }),
        };
    }

    public CallCounters Counters { get; } = new();

    public ProviderRuntime Provider(string name) => _providers[name];

    public bool TryGetProvider(string name, out ProviderRuntime runtime) => _providers.TryGetValue(name, out runtime!);

    public void Reset()
    {
        Counters.Clear();
        foreach (var provider in _providers.Values)
        {
            provider.Reset();
        }
    }

    private static ProviderRuntime Load(IConfiguration configuration, string section, ProviderKnobs defaults)
    {
        // Bind onto a copy of the defaults so a config that sets one knob keeps the others (and the default key).
        var knobs = defaults with { };
        configuration.GetSection("Sandbox:" + section).Bind(knobs);
        return new ProviderRuntime(section.ToLowerInvariant(), knobs);
    }
}
