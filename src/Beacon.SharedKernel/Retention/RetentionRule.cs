namespace Beacon.SharedKernel.Retention;

/// <summary>
/// A table that would grow forever, and its purge: <paramref name="PurgeFunction"/> is a SQL function
/// <c>(before timestamptz, limit int) → bigint</c> deleting at most <c>limit</c> rows older than <c>before</c>.
/// <paramref name="DefaultAge"/> applies unless <c>Beacon:Retention:Ages:{Name}</c> says otherwise.
/// </summary>
public sealed record RetentionRule(string Name, string PurgeFunction, TimeSpan DefaultAge);
