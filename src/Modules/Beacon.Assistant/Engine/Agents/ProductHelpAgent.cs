namespace Beacon.Assistant.Engine.Agents;

/// <summary>How-to answers about Beacon itself, from short articles keyed by the words people use for each topic.</summary>
internal sealed class ProductHelpAgent : IAgent
{
    private static readonly (string[] Words, string Article)[] Articles =
    [
        (["import", "csv", "spreadsheet", "upload"], "To import leads, open Leads → Import and drop a CSV file: map its columns, check the preview and start. Duplicates are merged, not doubled; rows that fail are listed in an error report you can download. Big files import in the background while you keep working."),
        (["invite", "user", "users", "member", "members"], "Admins invite people in Settings → Users & invitations: enter the e-mail address and a role (admin, team lead, agent or read-only). The invitee gets an e-mail link to join; you can resend or withdraw an invitation there."),
        (["api", "key", "keys"], "Admins create API keys in Settings → API keys. A key acts for you with the role you choose (never above yours) and is shown once — store it safely. The API reference is at /openapi/v1.json."),
        (["webhook", "webhooks"], "Admins add webhooks in Settings → Webhooks: a URL and the events to send (lead created, updated, scored, enriched). Every delivery is signed with your secret, retried on failure and listed in the delivery log, where you can replay it."),
        (["password"], "Change your password in Settings → Password (your current one is needed). Forgot it? Use “Forgot password” on the sign-in page: we e-mail a link valid for an hour."),
        (["team", "teams"], "Admins create teams in Settings → Teams and pick a team lead; team leads then see their agents' leads."),
        (["plan", "plans", "invoice", "invoices", "billing"], "Admins see usage, the plan and invoices under Billing; a plan change takes effect at once and is prorated."),
        (["routing", "assign", "round", "robin", "assignment"], "Lead routing lives in Settings → Lead sources & routing: rules by source, area or price send new leads to an agent or a team's round robin."),
        (["erase", "delete", "gdpr", "privacy", "export"], "A lead's data can be exported from the lead's page (Privacy → Export). Admins can erase a lead for good (Privacy → Erase): every module removes what it holds and a record of the erasure is kept."),
        (["score", "scoring", "grade", "grades", "model"], "Every lead gets a score — the chance it transacts — and a grade from A (call today) to D. The lead's page shows the reasons behind it; you can override a grade with a reason. Managers choose the model in Insights."),
        (["audit", "log"], "The audit log (admins) lists every change: who, when, what before and after; “Verify” checks that nobody tampered with it."),
        (["time", "zone", "timezone", "profile"], "Your name and time zone are in Settings → Profile."),
        (["draft", "drafts", "drafter", "compose", "sms", "texts"], "Ask the assistant to draft a message: “draft a text to Jane about the open house Saturday”, “write a follow-up email to Bob”. It drafts for leads you can open, refuses a lead who opted out of that channel (unsubscribed, objected, or texted STOP) and says why, warns when it is quiet hours (before 08:00 or after 21:00) where the lead is, and ends texts with “Reply STOP to opt out.” It never sends: press Copy and send it yourself, or use a workflow."),
        (["deal", "deals", "conversion", "conversions"], "Record a deal from the lead's page; the conversion dashboard then shows your funnel by source and agent."),
    ];

    public string Name => AgentNames.ProductHelp;

    public Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        var words = request.Text.ToLowerInvariant().Split([' ', '?', '.', ',', '!', '\'', '-'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var best = Articles.Select(a => (a.Article, Hits: a.Words.Count(words.Contains))).MaxBy(a => a.Hits);
        var text = best.Hits > 0
            ? best.Article
            : "I can explain imports, invitations, API keys, webhooks, teams, lead routing, scores, message drafts, privacy requests, billing and the audit log. What would you like to do?";
        return Task.FromResult(new AgentAnswer(Name, text, []));
    }
}
