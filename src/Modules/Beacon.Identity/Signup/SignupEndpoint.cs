using System.ComponentModel.DataAnnotations;
using Beacon.Identity.Confirmation;
using Beacon.Identity.Passwords;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Signup;

internal sealed record SignupRequest(
    [property: Required, StringLength(120, MinimumLength = 2), NoControlCharacters] string BrokerageName,
    [property: Required, StringLength(120, MinimumLength = 1), NoControlCharacters] string DisplayName,
    [property: Required, EmailAddress, StringLength(254), NoControlCharacters] string Email,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

/// <summary>
/// Asks for a new brokerage. The answer is the same whether or not the address has an account (ADR 0009): a new
/// address is e-mailed a link whose confirmation creates the brokerage and its owner, a registered one is told so.
/// </summary>
internal static class SignupEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/signup", HandleAsync)
        .NotAudited("records a pending request and e-mails a link; the confirmation creates the account and is audited")
        .WithName("Signup")
        .WithSummary("Ask for a brokerage (tenant) and its owner: e-mails a confirmation link; the same answer for any address.");

    private static async Task<Results<Accepted<ConfirmationSent>, ValidationProblem>> HandleAsync(
        SignupRequest request, Db db, PasswordService passwords, AccountConfirmations confirmations, CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(request.Email);
        var brokerage = request.BrokerageName.Trim();
        if (PasswordService.Weakness(request.Password, email, request.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("password", weakness);
        }

        // Hashed whether or not the address is registered, so the time taken does not tell either.
        var hash = passwords.Hash(request.Password);
        // The brokerage-to-be's id: the pending signup lives in that tenant until it is confirmed.
        await using var tx = await db.BeginAsync(Guid.CreateVersion7(), ct);
        if (await AccountConfirmations.IsRegisteredAsync(tx, email, ct))
        {
            confirmations.TellAlreadyRegistered(tx, email,
                $"Someone, perhaps you, asked to create the brokerage \"{brokerage}\" on Beacon with this address");
        }
        else
        {
            await confirmations.AwaitConfirmationAsync(tx,
                new PendingAccount(email, request.DisplayName.Trim(), hash, brokerage, null),
                SecretToken.SignupConfirmationPrefix, "/signup/confirm",
                $"You asked to create the brokerage \"{brokerage}\" on Beacon, with you as its owner.", ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Accepted((string?)null, ConfirmationSent.Instance);
    }
}
