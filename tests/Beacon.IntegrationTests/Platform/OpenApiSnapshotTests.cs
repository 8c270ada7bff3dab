using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Leads.Model;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// docs/api/openapi.json is the server's OpenAPI document as the web build reads it (it generates the app's API
/// types from it without a running server), so it must stay the live document.
/// </summary>
public sealed class OpenApiSnapshotTests(BeaconApp app)
{
    /// <summary>Set by <c>./beacon openapi</c>: the test writes the live document over the snapshot.</summary>
    private const string RefreshVariable = "BEACON_REFRESH_OPENAPI";

    [Fact]
    public async Task The_checked_in_openapi_snapshot_is_the_live_document()
    {
        var live = Canonical(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepoRoot(), "docs", "api", "openapi.json");
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }

        var snapshot = File.Exists(path) ? await File.ReadAllTextAsync(path) : "(missing)";
        snapshot.ReplaceLineEndings("\n").ShouldBe(live,
            "docs/api/openapi.json differs from the server's /openapi/v1.json: run `./beacon openapi` to refresh it "
            + "(the web app's types are generated from it), and commit it with the change.");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_activity_type_a_user_may_add_and_every_one_the_timeline_shows()
    {
        var schemas = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        Values(schemas["AddActivityRequest"]!["properties"]!["type"]!).ShouldBe(LeadVocabulary.UserActivityTypes);
        Values(schemas["ActivityResponse"]!["properties"]!["type"]!).ShouldBe(LeadVocabulary.ActivityTypes);
    }

    [Fact]
    public async Task A_nullable_listed_field_admits_null_among_its_values()
    {
        var lead = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!["LeadResponse"]!;

        lead["properties"]!["stage"]!["enum"]!.AsArray().ShouldNotContain(v => v == null, "a lead always has a stage");
        lead["properties"]!["timeline"]!["enum"]!.AsArray().ShouldContain(v => v == null, "a lead's timeline may be unknown");
        Values(lead["properties"]!["timeline"]!).ShouldBe(LeadVocabulary.Timelines);
    }

    private static string[] Values(JsonNode property) =>
        property["enum"]!.AsArray().Where(v => v is not null).Select(v => v!.GetValue<string>()).ToArray();

    /// <summary>The document without its <c>servers</c> (the test server's address), indented, LF, one final newline.</summary>
    private static string Canonical(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        root.Remove("servers");
        // Relaxed escaping keeps summaries readable in review ("≤", "—" as they are, not \u2264).
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return root.ToJsonString(options).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Beacon.slnx not found above " + AppContext.BaseDirectory);
    }
}
