namespace Beacon.Sandbox.Knobs;

internal enum OutageMode
{
    None,

    /// <summary>Every call is answered 503 with Retry-After, in the provider's error style.</summary>
    Unavailable,

    /// <summary>Every call has its connection aborted without a response, as a crashed upstream does.</summary>
    Reset,
}
