namespace Beacon.Identity.Sessions;

/// <summary>What sign-up, login, refresh and accepting an invitation answer. <c>expiresIn</c> is in seconds.</summary>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");
