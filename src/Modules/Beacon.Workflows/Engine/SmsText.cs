namespace Beacon.Workflows.Engine;

/// <summary>
/// What an SMS costs on the wire: GSM-7 fits 160 characters in one segment (153 each when split), anything outside
/// GSM-7 (an emoji, curly quotes) turns the whole message into UCS-2 at 70 (67). Every workflow text ends with the
/// opt-out line carriers require.
/// </summary>
internal static class SmsText
{
    public const int MaxCharacters = 1_600;
    public const int MaxSegments = 10;
    public const string OptOutLine = "\nReply STOP to opt out.";

    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public static readonly IReadOnlyList<string> StopWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
    public static readonly IReadOnlyList<string> StartWords = ["START", "UNSTOP", "YES"];

    public static (int Segments, bool Gsm) Segments(string body)
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
                return (body.Length <= 70 ? 1 : (body.Length + 66) / 67, false);
            }
        }

        return (septets <= 160 ? 1 : (septets + 152) / 153, true);
    }

    /// <summary>A US number as E.164 (<c>+13125550100</c>); other numbers keep their <c>+</c> and digits; null when too short.</summary>
    public static string? E164(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length switch
        {
            10 when !phone.TrimStart().StartsWith('+') => "+1" + digits,
            11 when digits[0] == '1' => "+" + digits,
            >= 8 and <= 15 when phone.TrimStart().StartsWith('+') => "+" + digits,
            _ => null,
        };
    }
}
