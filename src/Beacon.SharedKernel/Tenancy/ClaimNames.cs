namespace Beacon.SharedKernel.Tenancy;

/// <summary>Claims every authenticated principal carries, whether it came with a JWT or an API key.</summary>
public static class ClaimNames
{
    public const string Tenant = "tid";
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Kind = "kind";
    public const string ApiKeyId = "akid";
}
