using Beacon.Assistant.Engine.Drafts;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Assistant;

/// <summary>How the drafter reads a request (channel, lead, topic) and what its templates write.</summary>
public sealed class DraftParsingTests
{
    [Theory]
    [InlineData("draft a text to Jane about the open house Saturday", "sms", "Jane", "the open house Saturday", false)]
    [InlineData("write a follow-up email to Bob", "email", "Bob", null, true)]
    [InlineData("text Maria that the price dropped", "sms", "Maria", "the price dropped", false)]
    [InlineData("Send Jane Doe a text about the showing.", "sms", "Jane Doe", "the showing", false)]
    [InlineData("write Maria Lopez an e-mail about her offer", "email", "Maria Lopez", "your offer", false)]
    [InlineData("compose a message for Tom saying he can move in Friday", "email", "Tom", "you can move in Friday", false)]
    [InlineData("can you email Grace Kim that the listing is back on the market?", "email", "Grace Kim", "the listing is back on the market", false)]
    [InlineData("draft an sms to Rosa letting her know the seller accepted", "sms", "Rosa", "the seller accepted", false)]
    public void A_draft_request_names_the_channel_the_lead_and_the_topic(string text, string channel, string lead, string? topic, bool followUp)
    {
        var ask = DraftQuestion.Parse(text).ShouldNotBeNull();

        ask.Channel.ShouldBe(channel);
        ask.LeadName.ShouldBe(lead);
        ask.Topic.ShouldBe(topic);
        ask.FollowUp.ShouldBe(followUp);
    }

    [Theory]
    [InlineData("draft an email")]
    [InlineData("write a text")]
    public void A_request_naming_nobody_is_not_a_draft_yet(string text) => DraftQuestion.Parse(text).ShouldBeNull();

    [Fact]
    public void An_open_house_email_has_a_subject_with_the_day_and_greets_the_lead_by_first_name()
    {
        var email = DraftTemplates.Email("Jane", "the open house Saturday", followUp: false);

        email.Subject.ShouldBe("Open house Saturday");
        email.Text.ShouldStartWith("Hi Jane,\n\nYou're invited to the open house Saturday.");
        email.Text.ShouldContain("save you a time");
    }

    [Fact]
    public void A_follow_up_without_a_topic_asks_how_the_search_is_going()
    {
        var email = DraftTemplates.Email("Bob", null, followUp: true);

        email.Subject.ShouldBe("Following up");
        email.Text.ShouldContain("follow up on our last conversation");
    }

    [Fact]
    public void A_text_has_no_subject_and_says_the_news()
    {
        var sms = DraftTemplates.Sms("Maria", "the price dropped", followUp: false);

        sms.Subject.ShouldBeNull();
        sms.Text.ShouldBe("Hi Maria, Good news: the price dropped. Want to take another look?");
    }

    [Fact]
    public void Shortening_a_topic_drops_its_last_word_until_none_is_left()
    {
        DraftTemplates.Shorter("the open house Saturday").ShouldBe("the open house...");
        DraftTemplates.Shorter("Saturday").ShouldBeNull();
    }
}
