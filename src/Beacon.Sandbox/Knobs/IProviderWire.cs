namespace Beacon.Sandbox.Knobs;

/// <summary>
/// What differs between providers at the edge: where the credential travels and how errors look on the wire.
/// Attached to each provider's route group as endpoint metadata, read by <see cref="ProviderFaultMiddleware"/>.
/// </summary>
internal interface IProviderWire
{
    string Name { get; }

    string? ReadCredential(HttpRequest request);

    IResult Error(HttpContext context, FaultKind kind, string message);
}

internal enum FaultKind
{
    BadRequest,
    Unauthorized,
    NotFound,
    RateLimited,
    ServerError,
    Unavailable,
}
