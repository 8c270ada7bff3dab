using System.ComponentModel.DataAnnotations;

namespace Beacon.Identity;

/// <summary>
/// Refuses control characters (U+0000–U+001F, U+007F–U+009F) in a string field. PostgreSQL cannot store U+0000 in
/// text, so without this it reached the database and answered 500; the others have no place in names, addresses,
/// tokens or passwords typed by people, and would corrupt e-mails and logs.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class NoControlCharactersAttribute() : ValidationAttribute("The {0} field must not contain control characters.")
{
    public override bool IsValid(object? value) => value is not string s || !s.Any(char.IsControl);
}

/// <summary>Like <see cref="NoControlCharactersAttribute"/>, but a text of several lines (an e-mail signature) keeps its line breaks.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class PlainLinesAttribute() : ValidationAttribute("The {0} field must not contain control characters other than line breaks.")
{
    public override bool IsValid(object? value) => value is not string s || !s.Any(c => char.IsControl(c) && c is not '\n' and not '\r');
}
