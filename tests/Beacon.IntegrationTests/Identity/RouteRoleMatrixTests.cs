using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// Every route of docs/api/roles.md × every role: allowed or 403, exactly as documented there. "Allowed" means the
/// authorization gate let the call through (any answer but 401/403); the answer itself is other tests' business.
/// </summary>
public sealed class RouteRoleMatrixTests(BeaconApp app)
{
    private static readonly string[] RolesBelowOwner = ["admin", "team_lead", "agent", "read_only"];

    // method, path, body, least role allowed
    public static TheoryData<string, string, string?, string> Routes => new()
    {
        { "GET", "/api/v1/me", null, "read_only" },
        { "GET", "/api/v1/rate-limits", null, "read_only" },
        { "PATCH", "/api/v1/me", """{"timeZone":"Europe/London"}""", "read_only" },
        { "POST", "/api/v1/me/password", """{"currentPassword":"not-the-password","newPassword":"x"}""", "read_only" },
        { "GET", "/api/v1/leads/stats", null, "read_only" },
        { "POST", "/api/v1/leads", """{"email":"{unique}@example.test"}""", "agent" },
        { "GET", "/api/v1/leads/assignment", null, "team_lead" },
        { "PUT", "/api/v1/leads/assignment", """{"mode":"not-a-mode"}""", "admin" },
        { "GET", "/api/v1/lead-sources", null, "team_lead" },
        { "PUT", "/api/v1/lead-sources/source-{unique}", """{"archived":false}""", "admin" },
        { "GET", "/api/v1/leads/{random}/score", null, "read_only" },
        { "GET", "/api/v1/leads/{random}/enrichment", null, "read_only" },
        { "PUT", "/api/v1/leads/{random}/score/override", """{"grade":"A","reason":"r"}""", "agent" },
        { "DELETE", "/api/v1/leads/{random}/score/override", null, "agent" },
        { "POST", "/api/v1/leads/{random}/credit-consent",
            """{"noticeVersion":"v1","agreed":true,"purpose":"prequalification","ip":"203.0.113.7"}""", "agent" },
        { "POST", "/api/v1/leads/{random}/enrichment/objection", "{}", "agent" },
        { "GET", "/api/v1/leads/{random}/consents", null, "read_only" },
        { "POST", "/api/v1/leads/{random}/consents", """{"purpose":"calls","decision":"objected","source":"phone"}""", "agent" },
        { "GET", "/api/v1/leads/{random}/export", null, "agent" },
        { "POST", "/api/v1/leads/{random}/erase", """{"reason":"data subject request"}""", "admin" },
        { "GET", "/api/v1/privacy/erasures", null, "admin" },
        { "GET", "/api/v1/privacy/retention", null, "admin" },
        { "PUT", "/api/v1/privacy/retention", """{"enabled":false,"inactiveMonths":24}""", "admin" },
        { "GET", "/api/v1/teams", null, "read_only" },
        { "POST", "/api/v1/teams", """{"name":"Team {unique}"}""", "admin" },
        { "PATCH", "/api/v1/teams/{random}", """{"name":"Team {unique}"}""", "admin" },
        { "GET", "/api/v1/users", null, "team_lead" },
        { "GET", "/api/v1/users/{owner}", null, "team_lead" },
        { "PATCH", "/api/v1/users/{random}", """{"displayName":"X"}""", "admin" },
        { "GET", "/api/v1/users/invitations", null, "admin" },
        { "POST", "/api/v1/users/invitations", """{"email":"{unique}@example.test","role":"read_only"}""", "admin" },
        { "DELETE", "/api/v1/users/invitations/{random}", null, "admin" },
        { "POST", "/api/v1/users/invitations/{random}/resend", null, "admin" },
        { "GET", "/api/v1/api-keys", null, "admin" },
        { "GET", "/api/v1/sso", null, "admin" },
        // A bad issuer: refused with 400 before anything is stored or fetched, once the role is let through.
        { "PUT", "/api/v1/sso", """{"enabled":false,"issuer":"not a url","clientId":"c","allowedDomains":["{unique}.test"],"defaultRole":"read_only","ssoOnly":false}""", "admin" },
        { "POST", "/api/v1/api-keys", """{"name":"k {unique}","role":"read_only"}""", "admin" },
        { "DELETE", "/api/v1/api-keys/{random}", null, "admin" },
        { "GET", "/api/v1/webhooks", null, "admin" },
        { "GET", "/api/v1/webhooks/event-types", null, "admin" },
        { "POST", "/api/v1/webhooks", """{"url":"http://127.0.0.1:9/hook","eventTypes":["lead.created"]}""", "admin" },
        { "GET", "/api/v1/webhooks/{random}", null, "admin" },
        { "PATCH", "/api/v1/webhooks/{random}", """{"active":false}""", "admin" },
        { "DELETE", "/api/v1/webhooks/{random}", null, "admin" },
        { "POST", "/api/v1/webhooks/{random}/rotate-secret", null, "admin" },
        { "POST", "/api/v1/webhooks/{random}/ping", null, "admin" },
        { "GET", "/api/v1/webhooks/{random}/deliveries", null, "admin" },
        { "GET", "/api/v1/webhooks/{random}/deliveries/{random}", null, "admin" },
        { "POST", "/api/v1/webhooks/{random}/deliveries/{random}/replay", null, "admin" },
        { "GET", "/api/v1/insights/score-distribution", null, "read_only" },
        { "GET", "/api/v1/insights/hot-leads", null, "agent" },
        { "GET", "/api/v1/assistant/threads", null, "read_only" },
        { "GET", "/api/v1/assistant/threads/{random}", null, "read_only" },
        { "GET", "/api/v1/models/1/drift/weekly", null, "read_only" },
        { "GET", "/api/v1/models/serving", null, "team_lead" },
        { "PUT", "/api/v1/models/serving/split", """{"percent":0}""", "admin" },
        { "PUT", "/api/v1/models/serving/kill-switch", """{"on":false,"reason":"role matrix"}""", "admin" },
        { "GET", "/api/v1/tasks", null, "read_only" },
        { "POST", "/api/v1/tasks", """{"leadId":"{random}","title":"t","dueAt":"2026-12-08T10:00:00Z"}""", "agent" },
        { "POST", "/api/v1/tasks/{random}/complete", null, "agent" },
        { "POST", "/api/v1/tasks/{random}/reopen", null, "agent" },
        { "GET", "/api/v1/workflows", null, "team_lead" },
        { "POST", "/api/v1/workflows", """{"name":"","trigger":{"type":"lead_created"},"steps":[]}""", "team_lead" },
        { "GET", "/api/v1/workflows/{random}", null, "team_lead" },
        { "PUT", "/api/v1/workflows/{random}", """{"name":"","trigger":{"type":"lead_created"},"steps":[]}""", "team_lead" },
        { "GET", "/api/v1/workflows/{random}/enrollments", null, "team_lead" },
        { "POST", "/api/v1/workflows/{random}/pause", null, "team_lead" },
        { "POST", "/api/v1/workflows/{random}/resume", null, "team_lead" },
        { "POST", "/api/v1/workflows/{random}/test-send", null, "team_lead" },
        { "POST", "/api/v1/workflows/preview", """{"body":"Hi {{lead.firstName|there}}"}""", "read_only" },
        { "GET", "/api/v1/leads/{random}/enrollments", null, "read_only" },
        { "GET", "/api/v1/workflows/settings", null, "team_lead" },
        { "PUT", "/api/v1/workflows/settings", """{"postalAddress":"","timeZone":"UTC"}""", "admin" },
        { "GET", "/api/v1/conversions", null, "read_only" },
        { "GET", "/api/v1/conversions/{random}", null, "read_only" },
        { "POST", "/api/v1/conversions", """{"leadId":"{random}","stage":"closed"}""", "agent" },
        { "PATCH", "/api/v1/conversions/{random}", """{"priceCents":100}""", "agent" },
        { "GET", "/api/v1/reports/conversions", null, "read_only" },
        { "GET", "/api/v1/reports/conversions/export/funnel", null, "read_only" },
        { "GET", "/api/v1/reports/conversions/leads", null, "read_only" },
        { "GET", "/api/v1/reports/conversions/spend", null, "read_only" },
        { "PUT", "/api/v1/reports/conversions/spend", """{"source":"zillow","month":"2026-11","amountCents":0}""", "admin" },
        { "GET", "/api/v1/billing/usage", null, "admin" },
        { "GET", "/api/v1/billing/plans", null, "admin" },
        { "GET", "/api/v1/billing/subscription", null, "admin" },
        { "GET", "/api/v1/billing/subscription/preview?planCode=team", null, "admin" },
        { "PUT", "/api/v1/billing/subscription/plan", """{"planCode":"starter"}""", "admin" },
        { "PUT", "/api/v1/billing/subscription/tax-rate", """{"taxRateBasisPoints":0}""", "admin" },
        { "GET", "/api/v1/billing/invoices", null, "admin" },
        { "GET", "/api/v1/billing/invoices/{random}", null, "admin" },
        { "GET", "/api/v1/billing/invoices/{random}/pdf", null, "admin" },
        { "GET", "/api/v1/audit", null, "admin" },
        { "POST", "/api/v1/audit/verify", null, "admin" },
        { "GET", "/api/v1/payments/standing", null, "read_only" },
        { "GET", "/api/v1/payments/method", null, "admin" },
        { "PUT", "/api/v1/payments/method", """{"token":"pm_card_visa"}""", "admin" },
        { "GET", "/api/v1/payments/invoices", null, "admin" },
        { "POST", "/api/v1/payments/invoices/{random}/pay", null, "admin" },
        { "GET", "/api/v1/payments/attempts", null, "admin" },
    };

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (TenantSession Owner, Dictionary<string, HttpClient> Clients)? _members;

    // One brokerage with a member per role serves every row: the routes only read or create unique things.
    private async Task<(TenantSession Owner, Dictionary<string, HttpClient> Clients)> MembersAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_members is null)
            {
                var owner = await app.SignupAsync();
                var clients = new Dictionary<string, HttpClient> { ["owner"] = owner.Client };
                foreach (var role in RolesBelowOwner)
                {
                    clients[role] = (await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, role)).Client;
                }

                _members = (owner, clients);
            }

            return _members.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_role_is_allowed_or_forbidden_as_documented(string method, string path, string? body, string leastRole)
    {
        var (owner, clients) = await MembersAsync();

        var rank = new[] { "read_only", "agent", "team_lead", "admin", "owner" };
        foreach (var (role, client) in clients)
        {
            var status = (await client.SendAsync(Request(method, path, body, owner))).StatusCode;
            var allowed = Array.IndexOf(rank, role) >= Array.IndexOf(rank, leastRole);
            status.ShouldNotBe(HttpStatusCode.Unauthorized, $"{role} {method} {path}");
            if (allowed)
            {
                status.ShouldNotBe(HttpStatusCode.Forbidden, $"{role} may {method} {path}");
            }
            else
            {
                status.ShouldBe(HttpStatusCode.Forbidden, $"{role} may not {method} {path}");
            }
        }

        (await app.Anonymous().SendAsync(Request(method, path, body, owner)))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"anonymous {method} {path}");
    }

    [Fact]
    public async Task An_admin_cannot_promote_anyone_to_admin_or_touch_an_owner_but_an_owner_can()
    {
        var owner = await app.SignupAsync();
        var admin = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "admin");
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");

        (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { role = "admin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{owner.UserId}", new { active = false }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { role = "team_lead" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { role = "admin" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted_or_deactivated()
    {
        var owner = await app.SignupAsync();
        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{owner.UserId}", new { role = "admin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{owner.UserId}", new { active = false }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_deactivated_user_is_locked_out_at_once()
    {
        var owner = await app.SignupAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");
        (await agent.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { active = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await agent.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = ApiClient.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static HttpRequestMessage Request(string method, string path, string? body, TenantSession owner)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Fill(path, owner));
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body, owner), System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Fill(string text, TenantSession owner) => text
        .Replace("{owner}", owner.UserId.ToString(), StringComparison.Ordinal)
        .Replace("{random}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{unique}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
}
