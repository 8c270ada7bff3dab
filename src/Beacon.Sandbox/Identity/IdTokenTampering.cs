using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Sandbox.Identity;

/// <summary>What the next token answer's id_token should get wrong (a test knob), used up by that answer.</summary>
internal sealed record IdTokenTamper(string? Issuer, string? Audience);

/// <summary>
/// Lets a test make the provider answer an id_token with a wrong issuer or audience, still correctly signed with the
/// provider's key, so a relying party is shown refusing exactly that claim and nothing else.
/// </summary>
internal sealed class IdTokenTampering
{
    private IdTokenTamper? _next;

    public void Arm(IdTokenTamper tamper) => Interlocked.Exchange(ref _next, tamper);

    public void Disarm() => Interlocked.Exchange(ref _next, null);

    public string Apply(string idToken, SigningCredentials credentials)
    {
        if (Interlocked.Exchange(ref _next, null) is not { } tamper)
        {
            return idToken;
        }

        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(idToken.Split('.')[1])))!.AsObject();
        if (tamper.Issuer is not null)
        {
            payload["iss"] = tamper.Issuer;
        }

        if (tamper.Audience is not null)
        {
            payload["aud"] = tamper.Audience;
        }

        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), credentials);
    }
}
