using Beacon.Leads.Activities;
using Beacon.Leads.Capture;
using Beacon.Leads.Model;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// What one chunk of rows does, decided in memory against the leads its dedupe keys already point to: each row
/// creates a lead, or merges (with the capture merge rules) into an existing lead or into a lead an earlier row of
/// the same import created. Rows are applied in file order, so the result is the same as capturing them one by one.
/// </summary>
internal sealed class ChunkPlan
{
    public Dictionary<Guid, LeadRow> Created { get; } = [];

    public Dictionary<Guid, (long RowNo, LeadDraft Draft)> CreatedFrom { get; } = [];

    public Dictionary<Guid, LeadRow> Updated { get; } = [];

    public List<(char Kind, string Value, Guid LeadId)> Identities { get; } = [];

    public List<NewActivity> Activities { get; } = [];

    public long Merged { get; private set; }

    public static ChunkPlan Build(IReadOnlyList<ImportRow> rows, IReadOnlyDictionary<(char, string), Guid> known,
        IReadOnlyDictionary<Guid, LeadRow> existing, Guid importId, Guid? actor, DateTimeOffset now)
    {
        var plan = new ChunkPlan();
        var owner = new Dictionary<(char, string), Guid>(known);
        foreach (var row in rows)
        {
            var ids = row.Draft.Identities().ToList();
            Guid? target = null;
            foreach (var identity in ids)
            {
                if (owner.TryGetValue(identity, out var found))
                {
                    target = found;
                    break;
                }
            }

            if (target is not { } leadId)
            {
                leadId = Guid.CreateVersion7(now);
                plan.Created[leadId] = LeadRows.FromDraft(leadId, row.Draft, now);
                plan.CreatedFrom[leadId] = (row.RowNo, row.Draft);
            }
            else
            {
                var current = plan.Created.GetValueOrDefault(leadId) ?? plan.Updated.GetValueOrDefault(leadId) ?? existing[leadId];
                var merge = MergePlan.Compute(current, row.Draft);
                if (!plan.Created.ContainsKey(leadId) && merge.Changes.Count > 0)
                {
                    plan.Updated[leadId] = merge.Merged;
                }

                plan.Merged++;
                plan.Activities.Add(new NewActivity(leadId, "merge", now, actor, $"Row {row.RowNo} of an import matched; merged.",
                    System.Text.Json.JsonSerializer.Serialize(new { importId, row = row.RowNo, changes = merge.Changes, conflicts = merge.Conflicts },
                        System.Text.Json.JsonSerializerOptions.Web)));
            }

            foreach (var identity in ids)
            {
                if (owner.TryAdd(identity, leadId))
                {
                    plan.Identities.Add((identity.Kind, identity.Value, leadId));
                }
            }
        }

        return plan;
    }
}
