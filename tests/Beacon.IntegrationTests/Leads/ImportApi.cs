using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Leads;

internal static class ImportApi
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(HttpClient client, string csv,
        string query = "", string? key = null, CancellationToken ct = default) =>
        await UploadAsync(client, Encoding.UTF8.GetBytes(csv), query, key, ct);

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(HttpClient client, byte[] csv,
        string query = "", string? key = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/imports?{query}")
        {
            Content = new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } },
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> StatusAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/imports/{id}", ApiClient.Json);

    /// <summary>A CSV of <paramref name="rows"/> people; every fifth repeats an earlier row's e-mail in another case.</summary>
    public static string People(int rows, string prefix = "p")
    {
        var sb = new StringBuilder("First Name,Last Name,Email,Phone,Lead Source,Budget,Favourite Colour\r\n");
        for (var i = 0; i < rows; i++)
        {
            var email = i % 5 == 4 ? $"{prefix}{i - 1}@EXAMPLE.com" : $"{prefix}{i}@example.com";
            sb.Append($"Name{i},\"Smith, Jr\",{email},,zillow,\"$450,000\",blue\r\n");
        }

        return sb.ToString();
    }
}
