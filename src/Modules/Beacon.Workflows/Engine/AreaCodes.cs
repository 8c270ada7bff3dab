namespace Beacon.Workflows.Engine;

/// <summary>
/// A small table of US area codes to the IANA zone most of their numbers are in (a phone's area code says where the
/// number was issued, not where its owner is: good enough to avoid texting at 3 a.m., recorded as the source).
/// </summary>
internal static class AreaCodes
{
    private const string Eastern = "America/New_York";
    private const string Central = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Arizona = "America/Phoenix";
    private const string Pacific = "America/Los_Angeles";
    private const string Detroit = "America/Detroit";
    private const string Indiana = "America/Indiana/Indianapolis";

    private static readonly Dictionary<string, string> Zones = Build(
        (Eastern, "201 202 203 207 212 215 216 239 240 267 301 302 305 321 336 347 352 386 401 404 407 410 412 413 "
                  + "434 440 443 470 475 478 484 508 516 518 540 561 570 585 603 607 609 610 614 617 631 646 678 703 "
                  + "704 706 716 718 727 732 754 757 770 772 774 781 802 803 804 813 828 843 845 856 860 862 904 908 "
                  + "910 914 917 919 941 954 973 980"),
        (Detroit, "248 313 517 586 616 734 810"),
        (Indiana, "317 765"),
        (Central, "205 210 214 217 218 225 228 251 254 256 262 281 309 312 314 316 318 319 320 334 337 361 402 405 "
                  + "409 414 417 430 432 469 479 501 504 507 512 515 563 573 601 608 612 615 618 630 636 651 662 682 "
                  + "708 713 715 731 737 763 773 779 785 815 816 817 830 832 847 901 903 913 918 920 936 940 952 956 972 979"),
        (Mountain, "303 307 385 406 435 505 575 719 720 801 915 970"),
        (Arizona, "480 520 602 623 928"),
        (Pacific, "206 209 213 253 310 323 341 360 408 415 424 425 442 503 509 510 530 541 559 562 619 626 628 650 657 "
                  + "661 669 702 707 714 725 747 760 775 805 818 831 858 909 916 925 949 951 971"),
        ("America/Anchorage", "907"),
        ("Pacific/Honolulu", "808"));

    /// <summary>The zone of a North American number (+1 or 10 digits), or null when its area code is not in the table.</summary>
    public static (string AreaCode, string Zone)? ZoneOf(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits.Length == 10 && Zones.TryGetValue(digits[..3], out var zone) ? (digits[..3], zone) : null;
    }

    private static Dictionary<string, string> Build(params (string Zone, string Codes)[] groups) =>
        groups.SelectMany(g => g.Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => (c, g.Zone)))
            .ToDictionary(p => p.c, p => p.Zone, StringComparer.Ordinal);
}
