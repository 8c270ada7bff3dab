namespace Beacon.Sandbox.Credit;

internal sealed record PrequalifyRequest(
    string? FirstName,
    string? LastName,
    CreditAddress? Address,
    string? Dob,
    string? SsnLast4,
    ConsentBlock? Consent);

internal sealed record CreditAddress(string? Line1, string? City, string? State, string? Zip);

/// <summary>The consumer's FCRA consent as captured by the caller; the bureau refuses a pull without it.</summary>
internal sealed record ConsentBlock(string? NoticeVersion, string? AgreedAt, string? Ip, string? Purpose);

internal sealed record PrequalifyResponse(
    string DecisionId,
    string Status,
    string PullType,
    string ScoreModel,
    string? ScoreBand,
    bool Prequalified,
    Tradelines? Tradelines,
    string ConsentNoticeVersion,
    string GeneratedAt);

internal sealed record Tradelines(
    int Total,
    int Open,
    int Revolving,
    int Installment,
    int Mortgage,
    int RevolvingUtilizationPct,
    long TotalBalance,
    long MonthlyPayment,
    int Delinquencies30d,
    int Derogatory,
    int OldestTradelineMonths,
    int InquiriesLast12m);
