using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Beacon.Leads.Query;

/// <summary>
/// A keyset position: the sort value and id of the last row of a page. Opaque to clients (base64url JSON), and
/// tied to its sort so that a cursor from another ordering is refused rather than silently skipping rows.
/// </summary>
internal sealed record LeadCursor(string Sort, long Ticks, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static LeadCursor? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 500)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LeadCursor>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    public DateTimeOffset Value => new(Ticks, TimeSpan.Zero);

    public override string ToString() => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(this));
}
