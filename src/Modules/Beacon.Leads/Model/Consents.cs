using System.Text.Json;
using Beacon.Leads.Capture;

namespace Beacon.Leads.Model;

/// <summary>Consents per channel (email, sms, call): granted or not, where (source) and when.</summary>
internal static class Consents
{
    public static string Normalize(Dictionary<string, ConsentInput>? consents, DateTimeOffset now, Errors e)
    {
        if (consents is null || consents.Count == 0)
        {
            return "{}";
        }

        var result = new SortedDictionary<string, ConsentRecord>(StringComparer.Ordinal);
        foreach (var (channel, consent) in consents)
        {
            var key = channel.Trim().ToLowerInvariant();
            if (!LeadVocabulary.ConsentChannels.Contains(key))
            {
                e.Add($"consents.{channel}", "Unknown channel; use email, sms or call.");
                continue;
            }

            if (consent is null)
            {
                e.Add($"consents.{channel}", "A consent needs at least {\"granted\": true|false}.");
                continue;
            }

            var source = LeadValidator.Text(consent.Source, $"consents.{channel}.source", e);
            if (consent.At > now.AddMinutes(5))
            {
                e.Add($"consents.{channel}.at", "A consent cannot be given in the future.");
            }

            result[key] = new ConsentRecord(consent.Granted, source, consent.At ?? now);
        }

        return JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
    }
}

internal sealed record ConsentRecord(bool Granted, string? Source, DateTimeOffset At);
