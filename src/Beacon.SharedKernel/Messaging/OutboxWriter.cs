using System.Text.Json;
using Beacon.Contracts.Events;
using Beacon.SharedKernel.Database;
using Npgsql;
using NpgsqlTypes;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Writes a transaction's events to the event log and fans each out as one job per subscribed handler, all in
/// that transaction (one round trip, arrays unnested), so the change and its messages commit or vanish together.
/// </summary>
public sealed class OutboxWriter
{
    private const string EventsSql = """
        INSERT INTO platform.events (tenant_id, type, id, payload, occurred_at)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[], $5::timestamptz[])
        """;

    private const string JobsSql = """
        INSERT INTO platform.jobs (tenant_id, handler, message_id, payload, run_at, lane)
        SELECT t, h, m, p, coalesce(r, now()), l
          FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[], $5::timestamptz[], $6::text[]) AS u(t, h, m, p, r, l)
        """;

    private readonly HandlerRegistry _registry;

    internal OutboxWriter(HandlerRegistry registry) => _registry = registry;

    /// <summary>Returns what was written, so that the lanes with new jobs (and the live stream) are woken after the commit.</summary>
    internal async Task<Written> WriteAsync(TenantTransaction tx, IReadOnlyList<IntegrationEvent> events,
        IReadOnlyList<JobRequest> jobs, CancellationToken ct)
    {
        if (events.Count == 0 && jobs.Count == 0)
        {
            return default;
        }

        var e = new Columns(events.Count);
        var j = new Columns(jobs.Count);
        foreach (var evt in events)
        {
            var name = EventNames.Of(evt.GetType());
            var payload = JsonSerializer.Serialize(evt, evt.GetType(), MessageJson.Options);
            e.Add(evt.TenantId, name, evt.Id, payload, evt.OccurredAt);
            foreach (var handler in _registry.SubscribersOf(name))
            {
                j.Add(evt.TenantId, handler, evt.Id, payload, null, LaneOf(tx, handler));
            }
        }

        foreach (var job in jobs)
        {
            if (!_registry.TryGet(job.Handler, out _))
            {
                throw new InvalidOperationException($"No job handler is registered as '{job.Handler}'.");
            }

            j.Add(tx.TenantId, job.Handler, job.MessageId,
                JsonSerializer.Serialize(job.Payload, job.Payload.GetType(), MessageJson.Options), job.RunAt, LaneOf(tx, job.Handler));
        }

        await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
        if (e.Ids.Count > 0)
        {
            batch.BatchCommands.Add(e.ToCommand(EventsSql, lanes: false));
        }

        if (j.Ids.Count > 0)
        {
            batch.BatchCommands.Add(j.ToCommand(JobsSql, lanes: true));
        }

        await batch.ExecuteNonQueryAsync(ct);
        var bulk = JobLanes.Name(JobLane.Bulk);
        return new Written(true, j.Lanes.Any(l => l != bulk), j.Lanes.Contains(bulk));
    }

    /// <param name="Any">Events or jobs were written.</param>
    /// <param name="Interactive">Interactive jobs were queued.</param>
    /// <param name="Bulk">Bulk jobs were queued.</param>
    internal readonly record struct Written(bool Any, bool Interactive, bool Bulk);

    /// <summary>A bulk handler's lane, or bulk for anything a bulk job causes (its retries, its events' handlers).</summary>
    private string LaneOf(TenantTransaction tx, string handler) =>
        JobLanes.Name(tx.Lane == JobLane.Bulk || (_registry.TryGet(handler, out var r) && r.Lane == JobLane.Bulk)
            ? JobLane.Bulk : JobLane.Interactive);

    private sealed class Columns(int capacity)
    {
        public List<Guid> Tenants { get; } = new(capacity);

        public List<string> Names { get; } = new(capacity);

        public List<Guid> Ids { get; } = new(capacity);

        public List<string> Payloads { get; } = new(capacity);

        public List<DateTimeOffset?> Times { get; } = new(capacity);

        public List<string> Lanes { get; } = new(capacity);

        public NpgsqlBatchCommand ToCommand(string sql, bool lanes)
        {
            var command = new NpgsqlBatchCommand(sql)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = Tenants.ToArray() },
                    new NpgsqlParameter { Value = Names.ToArray() },
                    new NpgsqlParameter { Value = Ids.ToArray() },
                    new NpgsqlParameter { Value = Payloads.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                    new NpgsqlParameter { Value = Times.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                },
            };
            if (lanes)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = Lanes.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            }

            return command;
        }

        public void Add(Guid tenant, string name, Guid id, string payload, DateTimeOffset? time, string lane = "interactive")
        {
            Lanes.Add(lane);
            Tenants.Add(tenant);
            Names.Add(name);
            Ids.Add(id);
            Payloads.Add(payload);
            Times.Add(time);
        }
    }
}
