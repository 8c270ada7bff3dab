using Beacon.SharedKernel.Database;
using Npgsql;

namespace Beacon.TestKit;

internal static class DatabaseRolesAccess
{
    public static Task EnsureAppRoleAsync(NpgsqlConnection admin) => DatabaseRoles.EnsureAppRoleAsync(admin, CancellationToken.None);
}
