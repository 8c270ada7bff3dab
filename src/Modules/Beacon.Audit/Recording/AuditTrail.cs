using Beacon.SharedKernel.Auditing;
using Npgsql;
using NpgsqlTypes;

namespace Beacon.Audit.Recording;

/// <summary>
/// Appends through <c>audit.append</c>, which numbers and chains each entry under the tenant's head row lock: the
/// app role cannot write <c>audit.entries</c> any other way.
/// </summary>
internal sealed class AuditTrail : IAuditTrail
{
    private const string AppendSql = "SELECT audit.append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditRecord> records,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var r in records)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(AppendSql)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = r.Id },
                    new NpgsqlParameter { Value = r.OccurredAt },
                    new NpgsqlParameter { Value = r.ActorKind },
                    new NpgsqlParameter { Value = (object?)r.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                    new NpgsqlParameter { Value = r.Action },
                    Text(r.SubjectType),
                    Text(r.SubjectId),
                    Text(r.RequestId),
                    Text(r.ClientAddress),
                    new NpgsqlParameter { Value = (object?)r.Payload ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            });
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
