using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Members;
using Beacon.Workflows.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Definitions;

/// <summary>What a test send did: how many e-mails went to whom.</summary>
internal sealed record TestSendResponse(string SentTo, int Emails);

/// <summary>
/// "Send a test to myself": every e-mail step of the workflow's current version, rendered for a sample lead (the
/// caller as the agent) and sent over SMTP to the caller with "[TEST]" before the subject. No lead is enrolled and
/// no enrollment moves; the footer shows where the postal address and unsubscribe link will be.
/// </summary>
internal static class TestSendEndpoint
{
    /// <summary>The sample lead: no last name, so a fallback such as <c>{{lead.lastName|friend}}</c> shows in the test.</summary>
    internal static readonly Dictionary<string, string?> SampleLead = new()
    {
        ["lead.firstName"] = "Jordan",
        ["lead.lastName"] = null,
        ["lead.fullName"] = "Jordan",
        ["lead.email"] = "jordan.sample@example.com",
    };

    /// <summary>The sample lead's values with the signed-in member as its agent, for a test send or a preview.</summary>
    internal static Dictionary<string, string?> SampleValues(Member? me, string? postalAddress) =>
        new(SampleLead.Concat(Member.MergeValues(me))) { ["brokerage.postalAddress"] = postalAddress };

    public static void Map(RouteGroupBuilder workflows) =>
        workflows.MapPost("/{id:guid}/test-send", SendAsync).WithName("TestSendWorkflow")
            .WithSummary("Send the workflow's e-mail steps, rendered for a sample lead and marked [TEST], to yourself.");

    private static async Task<Results<Ok<TestSendResponse>, NotFound, ValidationProblem>> SendAsync(Guid id, ClaimsPrincipal actor, Db db,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        if (await WorkflowStore.GetAsync(tx.Connection, tx.TenantId, id, ct) is not { } workflow)
        {
            return TypedResults.NotFound();
        }

        var emails = workflow.Steps.Select((step, index) => (step, index)).Where(s => s.step.Type == "email").ToList();
        if (emails.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["steps"] = ["This workflow has no e-mail step to test."] });
        }

        if (await MemberStore.FindAsync(tx.Connection, tx.TenantId, actor.UserId(), ct) is not { } me)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Your e-mail address is not known here yet; try again in a moment."] });
        }

        var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
        var values = SampleValues(me, settings?.PostalAddress);
        foreach (var (step, index) in emails)
        {
            var text = $"""
                [TEST of "{workflow.Name}" version {workflow.Version}, step {index + 1}, for a sample lead]

                {MergeFields.Render(step.Body ?? "", values)}

                --
                {settings?.PostalAddress ?? "(no postal address yet: set it under Settings → Workflows; real sends stop without it)"}
                To stop these e-mails, unsubscribe: (each lead's own link)
                """;
            tx.EnqueueEmail(new EmailMessage(me.Email, $"[TEST] {MergeFields.Render(step.Subject ?? "", values)}", text));
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(new TestSendResponse(me.Email, emails.Count));
    }
}
