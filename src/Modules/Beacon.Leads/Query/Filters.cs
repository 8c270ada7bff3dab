using System.Text;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Leads.Query;

/// <summary>Turns the list's filters into fixed SQL fragments with parameters (values never enter the SQL text).</summary>
internal static class Filters
{
    public static ValidationProblem? Apply(LeadQuery q, StringBuilder where, DynamicParameters p)
    {
        if (!string.IsNullOrEmpty(q.Stage))
        {
            var stages = q.Stage.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (stages.FirstOrDefault(s => !LeadVocabulary.Stages.Contains(s)) is { } bad)
            {
                return ProblemResults.Field("stage", $"Unknown stage '{Short(bad)}'.");
            }

            where.Append(" AND l.stage = ANY(@stages)");
            p.Add("stages", stages);
        }

        if (!string.IsNullOrEmpty(q.Type))
        {
            if (!LeadVocabulary.Types.Contains(q.Type))
            {
                return ProblemResults.Field("type", $"Unknown type '{Short(q.Type)}'.");
            }

            where.Append(" AND l.type = @type");
            p.Add("type", q.Type);
        }

        if (q.AssignedTo is { } agent)
        {
            where.Append(" AND l.assigned_to = @assignedTo");
            p.Add("assignedTo", agent);
        }

        if (q.Unassigned == true)
        {
            where.Append(" AND l.assigned_to IS NULL");
        }

        if (!string.IsNullOrEmpty(q.Source))
        {
            where.Append(" AND l.source = @source");
            p.Add("source", q.Source.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrEmpty(q.Tag))
        {
            where.Append(" AND l.tags @> ARRAY[@tag]::text[]");
            p.Add("tag", q.Tag.Trim().ToLowerInvariant());
        }

        Range(where, p, "created_at", q.CreatedFrom, q.CreatedTo, "created");
        Range(where, p, "last_activity_at", q.ActivityFrom, q.ActivityTo, "activity");
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim().ToLowerInvariant();
            if (text.Length > 100)
            {
                return ProblemResults.Field("q", "At most 100 characters.");
            }

            // "(916) 555-01" finds +1916555 01..: a query made of phone characters is searched by its digits.
            if (text.Count(char.IsAsciiDigit) >= 4 && text.All(c => char.IsAsciiDigit(c) || " ()-.+".Contains(c)))
            {
                text = new string(text.Where(char.IsAsciiDigit).ToArray());
            }

            where.Append(@" AND l.search LIKE @q ESCAPE '\'");
            p.Add("q", "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%");
        }

        return null;
    }

    private static void Range(StringBuilder where, DynamicParameters p, string column, DateTimeOffset? from, DateTimeOffset? to, string name)
    {
        if (from is { } f)
        {
            where.Append($" AND l.{column} >= @{name}From");
            p.Add($"{name}From", f.ToUniversalTime());
        }

        if (to is { } t)
        {
            where.Append($" AND l.{column} < @{name}To");
            p.Add($"{name}To", t.ToUniversalTime());
        }
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] : s;
}
