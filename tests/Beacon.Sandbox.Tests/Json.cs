using System.Text.Json;

namespace Beacon.Sandbox.Tests;

/// <summary>Tests read raw JSON on purpose: they check the wire format the Enrichment module will code against.</summary>
internal static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = element.ValueKind == JsonValueKind.Array ? element[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : element.GetProperty(part);
        }

        return element;
    }
}
