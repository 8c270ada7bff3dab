using System.Collections.Concurrent;

namespace Beacon.Sandbox.Identity;

/// <summary>A person the sandbox identity provider can sign in as.</summary>
internal sealed record SandboxUser(string Id, string Email, string Name, bool EmailVerified);

/// <summary>
/// The identity provider's directory: a few people of the demo brokerage's domain (one whose e-mail address is not
/// verified, one of another domain) and whoever a test adds through <c>/_sandbox/identity/users</c>.
/// </summary>
internal sealed class SandboxUsers
{
    private readonly ConcurrentDictionary<string, SandboxUser> _users = new(StringComparer.Ordinal);

    public SandboxUsers()
    {
        foreach (var user in Seeded)
        {
            _users[user.Id] = user;
        }
    }

    public static IReadOnlyList<SandboxUser> Seeded { get; } =
    [
        new("sandbox-morgan", "morgan.mills@demo.beacon.local", "Morgan Mills", true),
        new("sandbox-jordan", "jordan.lee@demo.beacon.local", "Jordan Lee", true),
        new("sandbox-casey", "casey.unverified@demo.beacon.local", "Casey Unverified", false),
        new("sandbox-sam", "sam.outsider@elsewhere.example", "Sam Outsider", true),
    ];

    public IReadOnlyList<SandboxUser> All => [.. _users.Values.OrderBy(u => u.Email, StringComparer.Ordinal)];

    public SandboxUser? Find(string? id) => id is not null && _users.TryGetValue(id, out var user) ? user : null;

    /// <summary>Adds or replaces (a new name, a now verified address: what a profile change at the provider looks like).</summary>
    public void Put(SandboxUser user) => _users[user.Id] = user;
}
