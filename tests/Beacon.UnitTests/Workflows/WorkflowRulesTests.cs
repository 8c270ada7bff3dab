using Beacon.Workflows.Definitions;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Workflows;

public sealed class WorkflowRulesTests
{
    private static SaveWorkflowRequest Flow(WorkflowTrigger trigger, params WorkflowStep[] steps) => new SaveWorkflowRequest("F", trigger, steps);

    [Fact]
    public void A_bad_step_is_named_by_its_path()
    {
        var errors = WorkflowRules.Check(Flow(new WorkflowTrigger("lead_created"),
            new WorkflowStep("email", "Hi", "Hello"), new WorkflowStep("wait", DelayMinutes: 5), new WorkflowStep("wait", DelayMinutes: 0), new WorkflowStep("teleport")));

        errors.Keys.Order().ShouldBe(["steps[2].delayMinutes", "steps[3].type"]);
    }

    [Fact]
    public void An_unknown_or_unclosed_merge_field_is_refused()
    {
        var errors = WorkflowRules.Check(Flow(new WorkflowTrigger("lead_created"), new WorkflowStep("email", "Hi {{lead.shoeSize}}", "Hello {{lead.firstName")));

        errors["steps[0].subject"][0].ShouldContain("Unknown merge field {{lead.shoeSize}}");
        errors["steps[0].body"][0].ShouldContain("not closed");
    }

    [Fact]
    public void A_score_trigger_needs_a_threshold_and_a_direction()
    {
        var errors = WorkflowRules.Check(Flow(new WorkflowTrigger("score_crossed", 120, "sideways"), new WorkflowStep("goal")));

        errors.Keys.Order().ShouldBe(["trigger.direction", "trigger.threshold"]);
    }

    [Fact]
    public void Merge_fields_take_the_leads_value_or_the_fallback()
    {
        var values = new Dictionary<string, string?> { ["lead.firstName"] = "Ann", ["lead.lastName"] = null };

        MergeFields.Render("Hi {{lead.firstName|there}} {{ lead.lastName | friend }}{{lead.email}}!", values).ShouldBe("Hi Ann friend!");
    }
}
