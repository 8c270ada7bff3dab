namespace Beacon.SharedKernel;

/// <summary>
/// A module's part of the demo brokerage, run by <c>./beacon run</c> on an empty database and by <c>./beacon seed</c>.
/// Seeders run in <see cref="Order"/>; each must be idempotent.
/// </summary>
public interface IDemoSeeder
{
    int Order { get; }

    Task SeedAsync(CancellationToken ct);
}
