using System.Globalization;
using System.Net;

namespace Beacon.Sandbox.Credit;

/// <summary>
/// Consent first (a bureau must not even look at the subject without it), then the subject. A consent is valid
/// when it names a notice version, a parsable ip, the purpose "prequalification", and an agreedAt (ISO 8601 with
/// offset) that is neither in the future (5 min clock skew allowed) nor older than 30 days.
/// </summary>
internal static class PrequalifyValidator
{
    public const string Purpose = "prequalification";

    public static List<CreditError> Validate(PrequalifyRequest request, DateTimeOffset now)
    {
        var errors = new List<CreditError>();
        if (request.Consent is not { } consent)
        {
            errors.Add(new CreditError("CONSENT_REQUIRED", "consent", "A consent block is required for a soft pull."));
            return errors;
        }

        if (string.IsNullOrWhiteSpace(consent.NoticeVersion))
        {
            errors.Add(Invalid("consent.noticeVersion", "The disclosure notice version the consumer agreed to is required."));
        }

        if (!DateTimeOffset.TryParse(consent.AgreedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var agreedAt)
            || agreedAt > now.AddMinutes(5) || agreedAt < now.AddDays(-30))
        {
            errors.Add(Invalid("consent.agreedAt", "agreedAt must be an ISO 8601 time within the last 30 days."));
        }

        if (!IPAddress.TryParse(consent.Ip, out _))
        {
            errors.Add(Invalid("consent.ip", "ip must be the IPv4 or IPv6 address the consumer agreed from."));
        }

        if (!string.Equals(consent.Purpose, Purpose, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(Invalid("consent.purpose", $"purpose must be \"{Purpose}\"."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        Require(errors, request.FirstName, "firstName");
        Require(errors, request.LastName, "lastName");
        Require(errors, request.Address?.Line1, "address.line1");
        if (request.Address?.Zip is not { Length: >= 5 } zip || !zip[..5].All(char.IsAsciiDigit))
        {
            errors.Add(new CreditError("VALIDATION_ERROR", "address.zip", "A 5-digit zip is required."));
        }

        var hasDob = DateOnly.TryParseExact(request.Dob, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob);
        var hasSsn = request.SsnLast4 is { Length: 4 } ssn && ssn.All(char.IsAsciiDigit);
        if (request.Dob is not null && (!hasDob || dob.AddYears(18) > DateOnly.FromDateTime(now.UtcDateTime)))
        {
            errors.Add(new CreditError("VALIDATION_ERROR", "dob", "dob must be yyyy-MM-dd and at least 18 years ago."));
        }
        else if (request.SsnLast4 is not null && !hasSsn)
        {
            errors.Add(new CreditError("VALIDATION_ERROR", "ssnLast4", "ssnLast4 must be exactly 4 digits."));
        }
        else if (!hasDob && !hasSsn)
        {
            errors.Add(new CreditError("VALIDATION_ERROR", "dob", "Either dob or ssnLast4 is required."));
        }

        return errors;
    }

    private static CreditError Invalid(string field, string message) => new("CONSENT_INVALID", field, message);

    private static void Require(List<CreditError> errors, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new CreditError("VALIDATION_ERROR", field, $"{field} is required."));
        }
    }
}
