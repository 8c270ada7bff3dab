using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Scoring;
using Beacon.SharedKernel.Auditing;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Audit;

/// <summary>
/// Every POST/PUT/PATCH/DELETE under /api/v1 in the OpenAPI document is called successfully once and must leave an
/// audit entry naming it (its operation id, or the event it published). A new mutating route fails this test until
/// it is driven here or allow-listed with a reason (and the server marks the same routes NotAudited).
/// </summary>
public sealed class AuditCoverageTests(BeaconApp app)
{
    private static readonly Dictionary<string, string> NotMutations = new()
    {
        ["POST /api/v1/auth/signup"] = "stores a pending request and e-mails a link; confirming it is the change",
        ["POST /api/v1/auth/accept-invitation"] = "stores a pending acceptance and e-mails a link; confirming it is the change",
        ["POST /api/v1/auth/refresh"] = "rotates a session's token; sign-in and sign-out are audited",
        ["POST /api/v1/audit/verify"] = "reads the trail",
        ["POST /api/v1/workflows/preview"] = "renders a template for the caller to read; nothing is stored or sent",
    };

    [Fact]
    public async Task Every_mutating_route_leaves_an_audit_entry_naming_it()
    {
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}",
                OperationId: o.Value.GetProperty("operationId").GetString()!)))
            .Where(o => o.Key.Split(' ')[0] is "POST" or "PUT" or "PATCH" or "DELETE")
            .ToDictionary(o => o.Key, o => o.OperationId);

        var driven = await DriveEveryRouteAsync(operations);

        operations.Keys.Except(driven).Except(NotMutations.Keys)
            .ShouldBeEmpty("mutating routes neither driven by this test nor allow-listed with a reason");
        string.Join(", ", ServerNotAudited()).ShouldBe(string.Join(", ", NotMutations.Keys.Order()),
            "the allow-list and the server's NotAudited routes agree");
    }

    private async Task<List<string>> DriveEveryRouteAsync(Dictionary<string, string> operations)
    {
        var driven = new List<string>();
        TenantSession owner = null!;
        async Task Step(string key, Func<Task> call, params string[] events)
        {
            var before = owner is null ? 0 : await LastSeqAsync(owner.TenantId);
            await call();
            var actions = await ActionsSinceAsync(owner!.TenantId, before);
            var expected = events.Append(operations.GetValueOrDefault(key, "?"));
            actions.Intersect(expected).ShouldNotBeEmpty($"{key} left no audit entry (recorded: {string.Join(", ", actions)})");
            driven.Add(key);
        }

        await Step("POST /api/v1/auth/signup/confirm", async () => owner = await app.SignupAsync(), "tenant.created");
        var c = owner.Client;
        await Step("POST /api/v1/auth/login", () => ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password));
        await Step("POST /api/v1/auth/logout", () => Ok(app.Anonymous().PostAsJsonAsync("/api/v1/auth/logout",
            new { refreshToken = owner.Tokens.RefreshToken })));
        var invitation = Guid.Empty;
        await Step("POST /api/v1/users/invitations", async () => invitation = await IdOf(c.PostAsJsonAsync("/api/v1/users/invitations",
            new { email = $"x-{Guid.NewGuid():N}@example.test", role = "agent" }), "invitation"));
        await Step("DELETE /api/v1/users/invitations/{id}", () => Ok(c.DeleteAsync($"/api/v1/users/invitations/{invitation}")));
        var agent = Guid.Empty;
        await Step("POST /api/v1/auth/accept-invitation/confirm",
            async () => agent = (await LeadsApi.AddMemberAsync(app, owner, "agent")).UserId, "user.joined");
        await Step("PATCH /api/v1/users/{id}", () => Ok(c.PatchAsJsonAsync($"/api/v1/users/{agent}", new { role = "team_lead" })),
            "user.changed");
        var resent = Guid.Empty;
        await Step("POST /api/v1/users/invitations/{id}/resend", async () =>
        {
            resent = await IdOf(c.PostAsJsonAsync("/api/v1/users/invitations", new { email = $"r-{Guid.NewGuid():N}@example.test", role = "agent" }),
                "invitation");
            await Ok(c.PostAsync($"/api/v1/users/invitations/{resent}/resend", null));
        });
        var team = Guid.Empty;
        await Step("POST /api/v1/teams", async () => team = await IdOf(c.PostAsJsonAsync("/api/v1/teams", new { name = "Team A" })));
        await Step("PATCH /api/v1/teams/{id}", () => Ok(c.PatchAsJsonAsync($"/api/v1/teams/{team}", new { name = "Team B" })));
        await Step("PATCH /api/v1/me", () => Ok(c.PatchAsJsonAsync("/api/v1/me", new { timeZone = "America/Denver" })),
            "user.profile_changed");
        var key = Guid.Empty;
        await Step("POST /api/v1/api-keys", async () => key = await IdOf(c.PostAsJsonAsync("/api/v1/api-keys",
            new { name = "zapier", role = "agent" }), "apiKey"));
        await Step("DELETE /api/v1/api-keys/{id}", () => Ok(c.DeleteAsync($"/api/v1/api-keys/{key}")));
        var lead = Guid.Empty;
        await Step("POST /api/v1/leads", async () => lead = (await LeadsApi.CreatedAsync(c,
            new { email = "ann@example.com", source = "zillow" })).GetProperty("id").GetGuid(), "lead.created");
        await Step("PATCH /api/v1/leads/{id}", () => Ok(c.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { firstName = "Ann" })),
            "lead.updated");
        await Step("POST /api/v1/leads/{id}/activities", () => Ok(c.PostAsJsonAsync($"/api/v1/leads/{lead}/activities",
            new { type = "note", body = "Called back" })), "lead.activity_added");
        await Step("PUT /api/v1/leads/assignment", () => Ok(c.PutAsJsonAsync("/api/v1/leads/assignment",
            new { mode = "manual", rules = Array.Empty<object>() })));
        await Step("PUT /api/v1/lead-sources/{name}", () => Ok(c.PutAsJsonAsync("/api/v1/lead-sources/zillow", new { archived = false })));
        // An override applies to a score: under load, scoring may not have reached the lead yet (it answers 404 until then).
        await Poller.UntilAsync(async () => (await c.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/score", ApiClient.Json))
            .GetProperty("status").GetString(), status => status != "pending", because: "the new lead is scored");
        await Step("PUT /api/v1/leads/{id}/score/override", () => Ok(c.PutAsJsonAsync($"/api/v1/leads/{lead}/score/override",
            new { grade = "A", reason = "Cash buyer" })), "lead.scored");
        await Step("DELETE /api/v1/leads/{id}/score/override", () => Ok(c.DeleteAsync($"/api/v1/leads/{lead}/score/override")),
            "lead.scored");
        await Step("POST /api/v1/leads/{id}/credit-consent", () => Ok(c.PostAsJsonAsync($"/api/v1/leads/{lead}/credit-consent",
            new { noticeVersion = "v1", agreed = true, purpose = "prequalification", ip = "203.0.113.7" })));
        await Step("POST /api/v1/leads/{id}/enrichment/objection", () => Ok(c.PostAsJsonAsync(
            $"/api/v1/leads/{lead}/enrichment/objection", new { })));
        await Step("PUT /api/v1/enrichment/budget", () => Ok(c.PutAsJsonAsync("/api/v1/enrichment/budget", new { monthlyBudgetCents = 5000 })));
        await Step("DELETE /api/v1/leads/{id}", () => Ok(c.DeleteAsync($"/api/v1/leads/{lead}")), "lead.deleted");
        var import = Guid.Empty;
        await Step("POST /api/v1/leads/imports", async () =>
        {
            var (response, body) = await ImportApi.UploadAsync(c, ImportApi.People(3, "imp"));
            await response.EnsureSuccessAsync();
            import = body.GetProperty("id").GetGuid();
        }, "lead.imported");
        await Step("DELETE /api/v1/leads/imports/{id}", () => Ok(c.DeleteAsync($"/api/v1/leads/imports/{import}")), "lead.imported");
        await Step("POST /api/v1/models/retrain", () => ScoringApi.PostAsync(c, "/api/v1/models/retrain", new { minAgeDays = 0 }));
        await ScoringApi.SeedHistoryAsync(c, 60, seed: 1);
        await ScoringApi.PostAsync(c, "/api/v1/models/retrain", new { minAgeDays = 0, reason = "first" });
        await ScoringApi.SeedHistoryAsync(c, 15, seed: 2);
        var challenger = (await ScoringApi.PostAsync(c, "/api/v1/models/retrain", new { minAgeDays = 0 })).GetProperty("version").GetInt32();
        await Step("POST /api/v1/models/{version}/promote", () => ScoringApi.PostAsync(c, $"/api/v1/models/{challenger}/promote",
            new { reason = "drill", force = true }), "scoring.model_promoted");
        await Step("POST /api/v1/models/rollback", () => ScoringApi.PostAsync(c, "/api/v1/models/rollback", new { reason = "drill over" }),
            "scoring.model_rolled_back");
        await Step("PUT /api/v1/models/serving/split", () => Ok(c.PutAsJsonAsync("/api/v1/models/serving/split",
            new { percent = 20, reason = "A/B v2" })), "scoring.serving_changed");
        await Step("PUT /api/v1/models/serving/kill-switch", () => Ok(c.PutAsJsonAsync("/api/v1/models/serving/kill-switch",
            new { on = false, reason = "drill" })), "scoring.serving_changed");
        var hook = Guid.Empty;
        await Step("POST /api/v1/webhooks", async () => hook = await IdOf(c.PostAsJsonAsync("/api/v1/webhooks",
            new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "lead.created" } }), "subscription"));
        var delivery = Guid.Empty;
        await Step("POST /api/v1/webhooks/{id}/ping", async () => delivery = await IdOf(c.PostAsync($"/api/v1/webhooks/{hook}/ping", null), null, "deliveryId"));
        await Poller.UntilAsync(async () => (await c.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{hook}/deliveries/{delivery}", ApiClient.Json))
            .GetProperty("delivery").GetProperty("status").GetString(), status => status != "pending",
            because: "the ping to a closed port fails after its retries (and the failures disable the subscription)");
        await Step("PATCH /api/v1/webhooks/{id}", () => Ok(c.PatchAsJsonAsync($"/api/v1/webhooks/{hook}", new { active = true })));
        await Step("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", () => Ok(c.PostAsync($"/api/v1/webhooks/{hook}/deliveries/{delivery}/replay", null)));
        await Step("POST /api/v1/webhooks/{id}/rotate-secret", () => Ok(c.PostAsync($"/api/v1/webhooks/{hook}/rotate-secret", null)));
        await Step("DELETE /api/v1/webhooks/{id}", () => Ok(c.DeleteAsync($"/api/v1/webhooks/{hook}")));
        var dealLead = (await LeadsApi.CreatedAsync(c, new { email = "deal.audit@example.com", source = "zillow" })).GetProperty("id").GetGuid();
        var deal = Guid.Empty;
        await Step("POST /api/v1/conversions", async () => deal = await IdOf(c.PostAsJsonAsync("/api/v1/conversions",
            new { leadId = dealLead, stage = "offer" })), "lead.deal_recorded");
        await Step("PATCH /api/v1/conversions/{id}", () => Ok(c.PatchAsJsonAsync($"/api/v1/conversions/{deal}", new { priceCents = 100 })),
            "lead.deal_recorded");
        await Step("PUT /api/v1/reports/conversions/spend", () => Ok(c.PutAsJsonAsync("/api/v1/reports/conversions/spend",
            new { source = "zillow", month = "2026-11", amountCents = 100 })));
        await Billing.BillingApi.SubscriptionAsync(c);
        await Step("PUT /api/v1/billing/subscription/plan", () => Ok(c.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = "team" })));
        await Step("PUT /api/v1/billing/subscription/tax-rate", () => Ok(c.PutAsJsonAsync("/api/v1/billing/subscription/tax-rate",
            new { taxRateBasisPoints = 700 })));
        await Workflows.WorkflowsApi.WaitForMemberAsync(app, owner.TenantId, owner.UserId);
        var task = Guid.Empty;
        await Step("POST /api/v1/tasks", async () => task = await IdOf(c.PostAsJsonAsync("/api/v1/tasks",
            new { leadId = dealLead, title = "Call back", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) })));
        await Step("POST /api/v1/tasks/{id}/complete", () => Ok(c.PostAsync($"/api/v1/tasks/{task}/complete", null)));
        await Step("POST /api/v1/tasks/{id}/reopen", () => Ok(c.PostAsync($"/api/v1/tasks/{task}/reopen", null)));
        await Step("PUT /api/v1/workflows/settings", () => Ok(c.PutAsJsonAsync("/api/v1/workflows/settings",
            new { postalAddress = "1 Main St, Springfield, IL 62701", timeZone = "America/Chicago" })));
        var flow = Guid.Empty;
        var flowBody = new
        {
            name = "Welcome",
            trigger = new { type = "score_crossed", threshold = 99, direction = "up" },
            steps = new object[] { new { type = "wait", delayMinutes = 60 } }
        };
        await Step("POST /api/v1/workflows", async () => flow = await IdOf(c.PostAsJsonAsync("/api/v1/workflows", flowBody)));
        await Step("PUT /api/v1/workflows/{id}", () => Ok(c.PutAsJsonAsync($"/api/v1/workflows/{flow}", flowBody)));
        await Step("POST /api/v1/workflows/{id}/pause", () => Ok(c.PostAsync($"/api/v1/workflows/{flow}/pause", null)));
        await Step("POST /api/v1/workflows/{id}/resume", () => Ok(c.PostAsync($"/api/v1/workflows/{flow}/resume", null)));
        var mailFlow = await IdOf(c.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "Mail",
            trigger = new { type = "score_crossed", threshold = 99, direction = "up" },
            steps = new object[] { new { type = "email", subject = "Hi", body = "Hello." } }
        }));
        await Step("POST /api/v1/workflows/{id}/test-send", () => Ok(c.PostAsync($"/api/v1/workflows/{mailFlow}/test-send", null)));
        await Step("POST /api/v1/auth/unsubscribe", () => Ok(app.Anonymous().PostAsJsonAsync("/api/v1/auth/unsubscribe",
            new { tenant = owner.TenantId, enrollment = Guid.NewGuid() })));
        var person = (await LeadsApi.CreatedAsync(c, new { email = "erase.me@example.com", source = "zillow" })).GetProperty("id").GetGuid();
        await Step("POST /api/v1/leads/{id}/consents", () => Ok(c.PostAsJsonAsync($"/api/v1/leads/{person}/consents",
            new { purpose = "email_marketing", decision = "granted", source = "web form", textShown = "Send me new listings" })));
        await Step("PUT /api/v1/privacy/retention", () => Ok(c.PutAsJsonAsync("/api/v1/privacy/retention", new { enabled = false, inactiveMonths = 24 })));
        await Step("POST /api/v1/leads/{id}/erase", () => Ok(c.PostAsJsonAsync($"/api/v1/leads/{person}/erase", new { reason = "Art. 17 request" })),
            "lead.erased");

        await DrivePaymentRoutesAsync(owner, Step);
        await DriveSmsCallbacksAsync(owner, Step);
        await DriveSsoRoutesAsync(owner, Step);

        // Last: a new password ends the owner's sessions, the client's among them.
        await Step("POST /api/v1/me/password", () => Ok(c.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = owner.Password, newPassword = "a-brand-new-passphrase-42" })));
        await Step("POST /api/v1/auth/forgot-password", () => Ok(app.Anonymous().PostAsJsonAsync("/api/v1/auth/forgot-password",
            new { email = owner.Email })));
        var reset = await SmtpSink.WaitForLinkTokenAsync(owner.Email, "/reset-password");
        await Step("POST /api/v1/auth/reset-password", () => Ok(app.Anonymous().PostAsJsonAsync("/api/v1/auth/reset-password",
            new { token = reset, password = "another-new-passphrase-43" })));
        return driven;
    }

    /// <summary>Payments' routes need a gateway: the sandbox, and a second server on this database pointed at it.</summary>
    private async Task DrivePaymentRoutesAsync(TenantSession owner, Func<string, Func<Task>, string[], Task> step)
    {
        await using var sandbox = await SandboxProcess.StartAsync();
        await using var payments = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Payments:BaseUrl"] = sandbox.BaseAddress.ToString(),
            ["Beacon:Payments:ApiKey"] = "sk_test_sandbox",
            ["Beacon:Payments:WebhookSecret"] = Payments.PaymentsFixture.WebhookSecret,
        });
        var c = payments.CreateClient().WithBearer(owner.Tokens.AccessToken);
        async Task<Guid> OpenInvoiceAsync()
        {
            var id = Guid.CreateVersion7();
            await app.Database.ScalarAsync<object>("""
                INSERT INTO payments.invoices (tenant_id, invoice_id, number, amount_cents, currency, due_at, status, issued_at)
                VALUES ($1, $2, 'INV-AUDIT', 9900, 'usd', now(), 'open', now())
                """, owner.TenantId, id);
            return id;
        }

        await step("PUT /api/v1/payments/method", () => Ok(c.PutAsJsonAsync("/api/v1/payments/method", new { token = "pm_card_visa" })), []);
        var invoice = await OpenInvoiceAsync();
        await step("POST /api/v1/payments/invoices/{invoiceId}/pay", () => Ok(c.PostAsync($"/api/v1/payments/invoices/{invoice}/pay", null)),
            ["billing.invoice_paid"]);
        var webhookInvoice = await OpenInvoiceAsync();
        await step("POST /api/v1/payments/webhooks/gateway", () => Ok(payments.CreateClient().SendAsync(Payments.GatewayEvents.Signed(
            Payments.GatewayEvents.Event($"evt_audit_{webhookInvoice:N}", "payment_intent.succeeded", owner.TenantId, webhookInvoice, 9900)))),
            ["billing.invoice_paid"]);
    }

    /// <summary>The SMS gateway's callbacks need a server that knows the gateway's auth token (their signing key).</summary>
    private async Task DriveSmsCallbacksAsync(TenantSession owner, Func<string, Func<Task>, string[], Task> step)
    {
        const string token = "audit-sms-token";
        await using var sms = new BeaconFactory(app.Database, new Dictionary<string, string?> { ["Beacon:Sms:AuthToken"] = token });
        Task Signed(string route, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{route}?tenant={owner.TenantId}")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add(Beacon.Workflows.Engine.SmsSignature.Header,
                Beacon.Workflows.Engine.SmsSignature.Sign(token, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), $"tenant={owner.TenantId}", body));
            return Ok(sms.CreateClient().SendAsync(request));
        }

        await step("POST /api/v1/auth/sms/status", () => Signed("/api/v1/auth/sms/status", "MessageSid=SMaudit&MessageStatus=delivered"), []);
        await step("POST /api/v1/auth/sms/inbound", () => Signed("/api/v1/auth/sms/inbound",
            "MessageSid=SMauditin&From=%2B442079460000&To=%2B13125550000&Body=STOP"), []);
    }

    /// <summary>Single sign-on's routes need an identity provider: the sandbox's, as a real process.</summary>
    private async Task DriveSsoRoutesAsync(TenantSession owner, Func<string, Func<Task>, string[], Task> step)
    {
        await using var idp = new Identity.Sso.SandboxIdentityProvider();
        await idp.InitializeAsync();
        var domain = Identity.Sso.SsoBrokerage.NewDomain();
        await step("PUT /api/v1/sso", () => Ok(owner.Client.PutAsJsonAsync("/api/v1/sso", Identity.Sso.SsoBrokerage.Settings(idp, domain))), []);
        var email = $"sso@{domain}";
        var person = await idp.PutUserAsync(email, "Sasha Sso");
        using var browser = new Identity.Sso.SsoBrowser(app);
        var handoff = Identity.Sso.SsoBrowser.Handoff(await browser.SignInAsync(email, person));
        await step("POST /api/v1/auth/sso/exchange", () => Ok(browser.ExchangeAsync(handoff)), ["user.joined"]);
    }

    private List<string> ServerNotAudited() => app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<NotAuditedMetadata>() is not null)
        .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
            .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/')}"))
        .Order().ToList();

    private Task<long> LastSeqAsync(Guid tenant) =>
        app.Database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM audit.entries WHERE tenant_id = $1", tenant);

    private async Task<List<string>> ActionsSinceAsync(Guid tenant, long after)
    {
        var text = await app.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(action, ',' ORDER BY seq), '') FROM audit.entries WHERE tenant_id = $1 AND seq > $2", tenant, after);
        return [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task Ok(Task<HttpResponseMessage> call) => await (await call).EnsureSuccessAsync();

    private static async Task<Guid> IdOf(Task<HttpResponseMessage> call, string? inside = null, string property = "id")
    {
        var response = await call;
        await response.EnsureSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        return (inside is null ? body : body.GetProperty(inside)).GetProperty(property).GetGuid();
    }
}
