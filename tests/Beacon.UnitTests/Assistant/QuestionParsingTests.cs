using Beacon.Assistant.Engine;
using Beacon.Assistant.Privacy;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Assistant;

public sealed class QuestionParsingTests
{
    [Fact]
    public void Hot_leads_in_a_city_not_contacted_this_week_read_as_grades_A_and_B_the_city_and_seven_days()
    {
        var q = LeadQuestion.Parse("hot leads in Austin not contacted this week");
        q.Area.ShouldBe("Austin");
        q.Grades.ShouldBe(["A", "B"]);
        q.Untouched.ShouldBe(TimeSpan.FromDays(7));
        q.Describe().ShouldBe("hot leads in Austin nobody has contacted in the last 7 days");
    }

    [Theory]
    [InlineData("find leads in round rock please", "Round Rock")]
    [InlineData("any new leads in 78701?", "78701")]
    [InlineData("leads I haven't touched in a while", null)]
    [InlineData("show me A leads", null)]
    public void The_area_is_the_place_after_in_or_a_zip_and_never_a_period(string text, string? area) =>
        LeadQuestion.Parse(text).Area.ShouldBe(area);

    [Theory]
    [InlineData("why is Jane a B?", "Jane")]
    [InlineData("why is Jane Doe an A", "Jane Doe")]
    [InlineData("explain Maria's score", "Maria")]
    [InlineData("explain the grade for Lucy Chen", "Lucy Chen")]
    [InlineData("how come Tom is a C", "Tom")]
    [InlineData("why is the score so low", null)]
    public void The_score_explainer_finds_whose_score_is_asked_about(string text, string? name) =>
        ScoreQuestion.NameOf(text).ShouldBe(name);

    [Fact]
    public void The_erasure_pattern_matches_identifiers_as_literal_text_longest_first()
    {
        AssistantEraser.Pattern(["Ann", "ann.lee+1@example.test", "Ann Lee"])
            .ShouldBe(@"ann\.lee\+1\@example\.test|Ann\ Lee|Ann");
        AssistantEraser.Pattern([]).ShouldBeNull();
    }
}
