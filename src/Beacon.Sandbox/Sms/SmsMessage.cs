namespace Beacon.Sandbox.Sms;

/// <summary>A message resource as Twilio answers it (<c>status</c>: queued, sent, delivered, failed; <c>direction</c>: outbound-api or inbound).</summary>
internal sealed record SmsMessage(string Sid, string AccountSid, string To, string From, string Body, string Status, string Direction,
    int NumSegments, string Encoding, DateTimeOffset DateCreated, int? ErrorCode = null, string? ErrorMessage = null);

/// <summary>How a body travels: GSM-7 fits 160 characters in one segment (153 when split), anything else UCS-2 fits 70 (67).</summary>
internal static class SmsSegments
{
    // The GSM 03.38 basic set; the extension characters count twice.
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public static (int Segments, string Encoding) Count(string body)
    {
        var septets = 0;
        foreach (var c in body)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                var units = body.Length;
                return (units <= 70 ? 1 : (units + 66) / 67, "UCS-2");
            }
        }

        return (septets <= 160 ? 1 : (septets + 152) / 153, "GSM-7");
    }
}
