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
    public void Routing_accuracy_on_the_220_held_out_utterances_is_at_least_90_percent()
    {
        var heldOut = HeldOut();
        heldOut.Count.ShouldBe(220);
        var training = Utterances.Shipped().Select(u => u.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        heldOut.ShouldAllBe(u => !training.Contains(u.Text), "a held-out utterance must not be in the training set");

        var wrong = heldOut.Select(u => (u, Guess: Classifier.Classify(u.Text).Intent)).Where(x => x.Guess != x.u.Intent).ToList();
        var accuracy = 1 - ((double)wrong.Count / heldOut.Count);

        accuracy.ShouldBeGreaterThanOrEqualTo(0.90,
            "misrouted: " + string.Join("; ", wrong.Select(w => $"'{w.u.Text}' → {w.Guess} (want {w.u.Intent})")));
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
    public void The_issue_examples_route_to_their_agent(string text, string agent) =>
        Classifier.Classify(text).Intent.ShouldBe(agent);
}
