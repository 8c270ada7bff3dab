using Microsoft.EntityFrameworkCore;

namespace Beacon.Sandbox.Identity;

/// <summary>OpenIddict's applications, authorizations and tokens, in memory: a restart forgets them, as a sandbox may.</summary>
internal sealed class IdentityProviderDb(DbContextOptions<IdentityProviderDb> options) : DbContext(options);
