using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Beacon.Sandbox.Identity;

/// <summary>Registers a confidential client allowed the authorization code flow with PKCE, e-mail and profile scopes.</summary>
internal static class IdentityProviderClients
{
    public static async Task RegisterAsync(IServiceProvider services, string clientId, string clientSecret,
        IEnumerable<string> redirectUris, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(clientId, ct) is { } existing)
        {
            await manager.DeleteAsync(existing, ct);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Beacon (" + clientId + ")",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        await manager.CreateAsync(descriptor, ct);
    }
}
