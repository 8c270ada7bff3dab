using Beacon.Workflows.Definitions;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Workflows;

public sealed class TriggerRulesTests
{
    private static readonly WorkflowStep[] Goal = [new WorkflowStep("goal")];

    [Fact]
    public void Every_lead_change_trigger_with_good_fields_is_accepted_and_optional_fields_may_be_absent()
    {
        WorkflowTrigger[] good =
        [
            new("grade_changed"), new("grade_changed", Grade: "A"), new("stage_changed"), new("stage_changed", Stage: "under_contract"),
            new("tag_added", Tag: "hot"), new("enrichment_completed"), new("lead_assigned"), new("lead_assigned", AgentId: Guid.NewGuid()),
            new("no_activity", Days: 1), new("no_activity", Days: 365),
        ];

        foreach (var trigger in good)
        {
            WorkflowRules.Check(new SaveWorkflowRequest("F", trigger, Goal, Reenrollment: "after_exit")).ShouldBeEmpty(trigger.ToString());
        }
    }

    [Theory]
    [InlineData("grade_changed", "trigger.grade")]
    [InlineData("stage_changed", "trigger.stage")]
    [InlineData("tag_added", "trigger.tag")]
    [InlineData("lead_assigned", "trigger.agentId")]
    [InlineData("no_activity", "trigger.days")]
    public void A_bad_trigger_field_is_named_by_its_path(string type, string field)
    {
        var trigger = new WorkflowTrigger(type, Grade: "F", Stage: "sold", Tag: new string('x', 51), AgentId: Guid.Empty, Days: 0);

        WorkflowRules.Check(new SaveWorkflowRequest("F", trigger, Goal)).Keys.ShouldBe([field]);
    }

    [Fact]
    public void An_unknown_reenrollment_rule_is_refused_and_an_absent_one_means_never()
    {
        WorkflowRules.Check(new SaveWorkflowRequest("F", new WorkflowTrigger("lead_created"), Goal, Reenrollment: "always"))
            .Keys.ShouldBe(["reenrollment"]);
        WorkflowRules.Check(new SaveWorkflowRequest("F", new WorkflowTrigger("lead_created"), Goal)).ShouldBeEmpty();
    }
}
