using System.Net.Sockets;
using Beacon.SharedKernel.Database;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("57P01")] // admin_shutdown: the server is stopping (a restart)
    [InlineData("57P02")] // crash_shutdown
    [InlineData("57P03")] // cannot_connect_now: starting up or in recovery
    [InlineData("53300")] // too_many_connections
    [InlineData("08006")] // connection_failure
    [InlineData("08001")] // sqlclient_unable_to_establish_sqlconnection
    public void A_server_going_away_or_refusing_connections_is_unavailable(string sqlState) =>
        DatabaseUnavailable.Is(Postgres(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // unique_violation: a bug, not an outage
    [InlineData("40P01")] // deadlock_detected: transient, but ours to retry
    [InlineData("40001")] // serialization_failure
    [InlineData("42P01")] // undefined_table
    [InlineData("57014")] // query_canceled
    public void Other_server_errors_are_not(string sqlState) =>
        DatabaseUnavailable.Is(Postgres(sqlState)).ShouldBeFalse();

    [Fact]
    public void A_refused_or_broken_connection_and_a_full_pool_are_unavailable()
    {
        DatabaseUnavailable.Is(new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)))
            .ShouldBeTrue();
        DatabaseUnavailable.Is(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())).ShouldBeTrue();
        DatabaseUnavailable.Is(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())).ShouldBeTrue();
    }

    [Fact]
    public void A_wrapped_outage_is_found_and_unrelated_errors_are_not()
    {
        DatabaseUnavailable.Is(new InvalidOperationException("enrichment failed", Postgres("57P01"))).ShouldBeTrue();
        DatabaseUnavailable.Is(new NpgsqlException("bad parameter")).ShouldBeFalse();
        DatabaseUnavailable.Is(new InvalidOperationException("a bug")).ShouldBeFalse();
        DatabaseUnavailable.Is(new TimeoutException("an HTTP call timed out")).ShouldBeFalse();
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
