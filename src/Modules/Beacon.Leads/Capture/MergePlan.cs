using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;

namespace Beacon.Leads.Capture;

/// <summary>
/// How a capture merges into the lead it matched. A field the lead already has is never overwritten (it is what
/// the person typed first, or what an agent corrected); a different incoming value is kept as a conflict on the
/// timeline. Empty fields are filled, lists (e-mails, phones, ZIPs, areas, tags) are united, custom fields only
/// gain new keys, and a consent is replaced only by a newer statement for the same channel.
/// </summary>
internal sealed class MergePlan
{
    private MergePlan(LeadRow merged, List<LeadFieldChange> changes, List<LeadFieldChange> conflicts)
    {
        Merged = merged;
        Changes = changes;
        Conflicts = conflicts;
    }

    public LeadRow Merged { get; }

    public List<LeadFieldChange> Changes { get; }

    public List<LeadFieldChange> Conflicts { get; }

    public static MergePlan Compute(LeadRow current, LeadDraft incoming)
    {
        var changes = new List<LeadFieldChange>();
        var conflicts = new List<LeadFieldChange>();
        var m = current;

        m.FirstName = Scalar("firstName", m.FirstName, incoming.FirstName, changes, conflicts);
        m.LastName = Scalar("lastName", m.LastName, incoming.LastName, changes, conflicts);
        m.SourceDetail = Scalar("sourceDetail", m.SourceDetail, incoming.SourceDetail, changes, conflicts, conflictsMatter: false);
        m.Timeline = Scalar("timeline", m.Timeline, incoming.Timeline, changes, conflicts);
        m.Financing = Scalar("financing", m.Financing, incoming.Financing, changes, conflicts);
        m.PropertyStreet = Scalar("propertyAddress.street", m.PropertyStreet, incoming.Property?.Street, changes, conflicts);
        m.PropertyCity = Scalar("propertyAddress.city", m.PropertyCity, incoming.Property?.City, changes, conflicts);
        m.PropertyState = Scalar("propertyAddress.state", m.PropertyState, incoming.Property?.State, changes, conflicts);
        m.PropertyZip = Scalar("propertyAddress.zip", m.PropertyZip, incoming.Property?.Zip, changes, conflicts);
        m.ExternalId = Scalar("externalId", m.ExternalId, incoming.ExternalId, changes, conflicts, conflictsMatter: false);
        m.PriceMin = Number("priceMin", m.PriceMin, incoming.PriceMin, changes, conflicts);
        m.PriceMax = Number("priceMax", m.PriceMax, incoming.PriceMax, changes, conflicts);
        if (m.TimeZone is null && incoming.TimeZone is not null)
        {
            changes.Add(new LeadFieldChange("timeZone", null, Quote(incoming.TimeZone)));
            (m.TimeZone, m.TimeZoneSource) = (incoming.TimeZone, incoming.TimeZoneSource);
        }

        if (!string.Equals(incoming.Type, m.Type, StringComparison.Ordinal) && incoming.Type != "buyer")
        {
            conflicts.Add(new LeadFieldChange("type", Quote(m.Type), Quote(incoming.Type)));
        }

        m.Emails = Union("emails", m.Emails, incoming.Emails, changes);
        m.Phones = Union("phones", m.Phones, incoming.Phones, changes);
        m.ZipCodes = Union("zipCodes", m.ZipCodes, incoming.ZipCodes, changes);
        m.Areas = Union("areas", m.Areas, incoming.Areas, changes);
        m.Tags = Union("tags", m.Tags, incoming.Tags, changes);
        m.CustomFields = MergeCustomFields(m.CustomFields, incoming.CustomFields, changes, conflicts);
        m.Consents = MergeConsents(m.Consents, incoming.Consents, changes);
        return new MergePlan(m, changes, conflicts);
    }

    private static string? Scalar(string field, string? current, string? incoming, List<LeadFieldChange> changes,
        List<LeadFieldChange> conflicts, bool conflictsMatter = true)
    {
        if (incoming is null || string.Equals(current, incoming, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        if (current is null)
        {
            changes.Add(new LeadFieldChange(field, null, Quote(incoming)));
            return incoming;
        }

        if (conflictsMatter)
        {
            conflicts.Add(new LeadFieldChange(field, Quote(current), Quote(incoming)));
        }

        return current;
    }

    private static decimal? Number(string field, decimal? current, decimal? incoming, List<LeadFieldChange> changes,
        List<LeadFieldChange> conflicts)
    {
        var result = Scalar(field, Text(current), Text(incoming), changes, conflicts);
        return result is null ? null : decimal.Parse(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Text(decimal? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Union(string field, string[] current, List<string> incoming, List<LeadFieldChange> changes)
    {
        var added = incoming.Where(v => !current.Contains(v, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (added.Length == 0)
        {
            return current;
        }

        string[] result = [.. current, .. added];
        changes.Add(new LeadFieldChange(field, JsonSerializer.Serialize(current), JsonSerializer.Serialize(result)));
        return result;
    }

    private static string MergeCustomFields(string current, string incoming, List<LeadFieldChange> changes, List<LeadFieldChange> conflicts)
    {
        var cur = JsonNode.Parse(current)!.AsObject();
        var inc = JsonNode.Parse(incoming)!.AsObject();
        var changed = false;
        foreach (var (key, value) in inc)
        {
            if (!cur.TryGetPropertyValue(key, out var existing))
            {
                cur[key] = value?.DeepClone();
                changes.Add(new LeadFieldChange($"customFields.{key}", null, value?.ToJsonString()));
                changed = true;
            }
            else if (!JsonNode.DeepEquals(existing, value))
            {
                conflicts.Add(new LeadFieldChange($"customFields.{key}", existing?.ToJsonString(), value?.ToJsonString()));
            }
        }

        return changed ? cur.ToJsonString() : current;
    }

    private static string MergeConsents(string current, string incoming, List<LeadFieldChange> changes)
    {
        var cur = JsonNode.Parse(current)!.AsObject();
        var inc = JsonNode.Parse(incoming)!.AsObject();
        var changed = false;
        foreach (var (channel, value) in inc)
        {
            var newer = value!["at"]!.GetValue<DateTimeOffset>();
            if (!cur.TryGetPropertyValue(channel, out var existing) || existing!["at"]!.GetValue<DateTimeOffset>() < newer)
            {
                changes.Add(new LeadFieldChange($"consents.{channel}", existing?.ToJsonString(), value.ToJsonString()));
                cur[channel] = value.DeepClone();
                changed = true;
            }
        }

        return changed ? cur.ToJsonString() : current;
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
