using System.Text;

namespace Beacon.Learning.Tests;

/// <summary>Input <c>model eval</c> cannot judge honestly is refused with one line and exit code 2, never guessed at.</summary>
public sealed class ModelEvalInputTests : IDisposable
{
    private readonly EvalFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_header_only_file_is_refused_in_one_line()
    {
        var csv = _files.Write("header.csv", "id,x,y\n");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("header.csv has no data rows");
    }

    [Fact]
    public async Task A_one_row_file_is_refused_in_one_line()
    {
        var csv = _files.Write("one.csv", "id,x,y\nr1,0.5,1\n");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("only one value");
    }

    [Fact]
    public async Task A_target_with_one_class_is_refused_instead_of_printing_a_NaN_auc()
    {
        var csv = _files.Signal("one-class.csv", 300, seed: 1, label: _ => "0");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("'y' has only one value ('0') in all 300 rows");
    }

    [Fact]
    public async Task Too_few_rows_of_one_outcome_are_refused()
    {
        var csv = _files.Signal("rare.csv", 300, seed: 1, label: _ => "0");
        await File.AppendAllTextAsync(csv, "r300,1.5,1\nr301,1.9,1\nr302,1.1,1\n", TestContext.Current.CancellationToken);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("at least 10 rows of each outcome");
    }

    [Fact]
    public async Task A_numeric_target_with_three_values_is_refused_until_the_positive_value_is_named()
    {
        var csv = _files.Signal("three.csv", 600, seed: 2, label: y => y == 1 ? "2" : (y == 0 ? "0" : "1"),
            ("z", (i, _, _) => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await File.AppendAllTextAsync(csv, "r600,0.1,1,0\nr601,0.2,1,1\n", TestContext.Current.CancellationToken);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("'y' has 3 values (0, 1, 2)");
        output.ShouldContain("--positive VALUE");

        (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--positive", "2");
        exit.ShouldBe(0, output);
        output.ShouldContain("Target: y = '2' is positive; '0', '1' are negative");
    }

    [Fact]
    public async Task Converted_and_not_converted_are_refused_until_the_positive_value_is_named()
    {
        var csv = _files.Signal("words.csv", 600, seed: 3, label: y => y == 1 ? "converted" : "not converted");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("Cannot tell which value of 'y' is positive ('converted', 'not converted')");

        (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--positive", "converted");
        exit.ShouldBe(0, output);
        output.ShouldContain("Target: y = 'converted' is positive; 'not converted' is negative");
        EvalRunner.Metric(output, "ROC AUC").ShouldBeGreaterThan(0.75);
    }

    [Fact]
    public async Task Yes_and_no_need_no_positive_value_and_the_rule_is_printed()
    {
        var csv = _files.Signal("yes.csv", 600, seed: 4, label: y => y == 1 ? "Yes" : "No");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(0, output);
        output.ShouldContain("Target: y = 'Yes' is positive; 'No' is negative");
        EvalRunner.Metric(output, "ROC AUC").ShouldBeGreaterThan(0.75);
    }

    [Fact]
    public async Task A_positive_value_that_is_not_in_the_target_is_refused()
    {
        var csv = _files.Signal("absent.csv", 100, seed: 5);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--positive", "won");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("--positive 'won' is not a value of 'y'");
    }

    [Fact]
    public async Task Non_utf8_input_is_refused_in_one_line()
    {
        var text = Encoding.Latin1.GetBytes("id,city,y\nr1,São Paulo,1\nr2,Lima,0\n");
        var csv = _files.WriteBytes("latin1.csv", text);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("latin1.csv is not UTF-8: invalid bytes on line 2");
    }
}
