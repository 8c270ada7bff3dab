using Beacon.Assistant.Engine;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Assistant;

/// <summary>The built-in engine's supervisor routing, measured on utterances it never trained on.</summary>
public sealed class IntentRoutingTests
{
    private static readonly IntentClassifier Classifier = IntentClassifier.Train(Utterances.Shipped());

    private static IReadOnlyList<Utterance> HeldOut()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Assistant", "heldout-utterances.tsv"));
        return Utterances.Parse(reader);
    }

    [Fact]
    public void Routing_accuracy_on_the_240_held_out_utterances_is_at_least_90_percent()
    {
        var heldOut = HeldOut();
        heldOut.Count.ShouldBe(240);
        var training = Utterances.Shipped().Select(u => u.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        heldOut.ShouldAllBe(u => !training.Contains(u.Text), "a held-out utterance must not be in the training set");

        var wrong = heldOut.Select(u => (u, Guess: Classifier.Classify(u.Text).Intent)).Where(x => x.Guess != x.u.Intent).ToList();
        var accuracy = 1 - ((double)wrong.Count / heldOut.Count);

        accuracy.ShouldBeGreaterThanOrEqualTo(0.90,
            "misrouted: " + string.Join("; ", wrong.Select(w => $"'{w.u.Text}' → {w.Guess} (want {w.u.Intent})")));
    }

    // Each intent's share of its held-out utterances routed right, as it was before the message drafter joined (its
    // own floor is the overall target): adding an agent must not make the others worse.
    [Theory]
    [InlineData("fallback", 21, 30)]
    [InlineData("follow_up", 20, 20)]
    [InlineData("lead_finder", 41, 45)]
    [InlineData("pipeline_analyst", 39, 40)]
    [InlineData("product_help", 38, 40)]
    [InlineData("score_explainer", 39, 45)]
    [InlineData("message_drafter", 18, 20)]
    public void Each_intent_routes_at_least_as_many_of_its_held_out_utterances_as_before_the_drafter(string intent, int floor, int count)
    {
        var mine = HeldOut().Where(u => u.Intent == intent).ToList();
        mine.Count.ShouldBe(count);

        var wrong = mine.Where(u => Classifier.Classify(u.Text).Intent != intent).ToList();

        (count - wrong.Count).ShouldBeGreaterThanOrEqualTo(floor,
            "misrouted: " + string.Join("; ", wrong.Select(u => $"'{u.Text}' → {Classifier.Classify(u.Text).Intent}")));
    }

    [Fact]
    public void Every_held_out_intent_is_an_agent_the_supervisor_knows()
    {
        HeldOut().Select(u => u.Intent).Distinct().Order().ShouldBe(Classifier.Intents.Order());
    }

    [Theory]
    [InlineData("hot leads in Austin not contacted this week", "lead_finder")]
    [InlineData("why is Jane a B?", "score_explainer")]
    [InlineData("how many leads are under contract", "pipeline_analyst")]
    [InlineData("how do I import leads", "product_help")]
    [InlineData("hello", "fallback")]
    [InlineData("create a task to call Jane tomorrow", "follow_up")]
    [InlineData("enrol Jane in Spring nurture", "follow_up")]
    [InlineData("draft a text to Jane about the open house Saturday", "message_drafter")]
    [InlineData("write a follow-up email to Bob", "message_drafter")]
    [InlineData("text Maria that the price dropped", "message_drafter")]
    public void The_issue_examples_route_to_their_agent(string text, string agent) =>
        Classifier.Classify(text).Intent.ShouldBe(agent);
}
