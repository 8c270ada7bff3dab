using Beacon.Assistant.Engine;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Assistant;

/// <summary>How the follow-up agent reads a request: a task (verb, lead, when) or an enrolment (lead, workflow).</summary>
public sealed class FollowUpParsingTests
{
    // A Monday, 14:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("create a task to call Jane tomorrow", "Jane", "Call", 24)]
    [InlineData("remind me to email Dana Declined on Friday", "Dana Declined", "Email", 96)]
    [InlineData("add a task to text Priya Shah next week", "Priya Shah", "Text", 168)]
    [InlineData("remind me to follow up with Carlos in 3 days.", "Carlos", "Follow up with", 72)]
    [InlineData("please create a task to phone Ken today", "Ken", "Call", 2)]
    [InlineData("create a task to call Jane Doe", "Jane Doe", "Call", 24)]
    public void A_task_request_names_the_lead_the_action_and_when(string text, string lead, string verb, int hoursAhead)
    {
        var ask = FollowUpQuestion.Parse(text, Now).ShouldNotBeNull();

        ask.IsEnrolment.ShouldBeFalse();
        ask.LeadName.ShouldBe(lead);
        ask.Verb.ShouldBe(verb);
        ask.DueAt.ShouldBe(Now.AddHours(hoursAhead));
    }

    [Theory]
    [InlineData("enrol Jane Doe in Spring nurture", "Jane Doe", "Spring nurture")]
    [InlineData("enroll Erin in the buyer drip", "Erin", "buyer")]
    [InlineData("add Priya to the first-time buyer campaign", "Priya", "first-time buyer")]
    [InlineData("put Wei into our seller workflow", "Wei", "seller")]
    public void An_enrolment_request_names_the_lead_and_the_workflow(string text, string lead, string workflow)
    {
        var ask = FollowUpQuestion.Parse(text, Now).ShouldNotBeNull();

        ask.IsEnrolment.ShouldBeTrue();
        ask.LeadName.ShouldBe(lead);
        ask.Workflow.ShouldBe(workflow);
    }

    [Theory]
    [InlineData("create a task")]
    [InlineData("what should I do next")]
    [InlineData("start the nurture workflow")]
    public void A_request_without_a_lead_and_an_action_is_not_guessed(string text) =>
        FollowUpQuestion.Parse(text, Now).ShouldBeNull();
}
