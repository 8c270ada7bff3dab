using Beacon.Learning.Boosting;
using Beacon.Learning.Serialization;

namespace Beacon.Learning.Tests;

public sealed class SerializationTests
{
    private static readonly ModelTrainingOptions Options = new()
    {
        InnerFolds = 3,
        Gbt = new GbtOptions { Iterations = 60, RowSubsample = 0.8, FeatureSubsample = 0.75 },
    };

    [Fact]
    public void Same_data_and_seed_give_byte_identical_models()
    {
        var a = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(2000, seed: 20), Options));
        var b = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(2000, seed: 20), Options));
        b.ShouldBe(a);
    }

    [Fact]
    public void A_different_seed_gives_a_different_model()
    {
        var a = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(2000, seed: 21), Options));
        var b = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(2000, seed: 21), Options with { Seed = 7, Gbt = Options.Gbt with { Seed = 7 } }));
        b.ShouldNotBe(a);
    }

    [Fact]
    public void A_round_tripped_model_predicts_and_explains_exactly_as_before()
    {
        var model = ModelTrainer.Train(TestData.Mixed(2000, seed: 22), Options);
        var copy = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));
        var test = TestData.Mixed(200, seed: 23);
        var phiA = new double[4];
        var phiB = new double[4];
        for (var i = 0; i < test.RowCount; i++)
        {
            var row = test.GetRow(i);
            copy.PredictProbability(row).ShouldBe(model.PredictProbability(row));
            copy.Contributions(row, phiB).ShouldBe(model.Contributions(row, phiA));
            phiB.ShouldBe(phiA);
        }

        copy.Schema.Features.Select(f => f.Name).ShouldBe(model.Schema.Features.Select(f => f.Name));
    }

    [Fact]
    public void An_explanation_names_features_largest_first_and_adds_up()
    {
        var model = ModelTrainer.Train(TestData.Mixed(2000, seed: 28), Options);
        var e = model.Explain(TestData.Mixed(1, seed: 29).GetRow(0));
        e.Contributions.Select(c => c.Feature).Order().ShouldBe(["c2", "x0", "x1", "x3"]);
        e.Contributions.Select(c => Math.Abs(c.Value)).ShouldBeInOrder(SortDirection.Descending);
        (e.Bias + e.Contributions.Sum(c => c.Value)).ShouldBe(e.RawScore, 1e-6);
        e.Probability.ShouldBeInRange(0, 1);
    }

    [Fact]
    public void Logistic_models_round_trip_too()
    {
        var model = ModelTrainer.Train(TestData.Mixed(1000, seed: 24), new ModelTrainingOptions { Kind = ModelKind.Logistic, InnerFolds = 3, Calibration = CalibrationMethod.Platt });
        var copy = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));
        var row = TestData.Mixed(1, seed: 25).GetRow(0);
        copy.PredictProbability(row).ShouldBe(model.PredictProbability(row));
    }

    [Fact]
    public void Corrupted_bytes_fail_with_a_clear_checksum_error()
    {
        var bytes = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(800, seed: 26), Options));
        bytes[bytes.Length / 2] ^= 0x40;
        Should.Throw<ModelFormatException>(() => ModelSerializer.Deserialize(bytes)).Message.ShouldContain("checksum mismatch");
    }

    [Fact]
    public void Truncated_foreign_and_future_files_are_rejected()
    {
        var bytes = ModelSerializer.Serialize(ModelTrainer.Train(TestData.Mixed(800, seed: 27), Options));
        Should.Throw<ModelFormatException>(() => ModelSerializer.Deserialize(bytes.AsSpan(0, bytes.Length - 10))).Message.ShouldContain("truncated");
        Should.Throw<ModelFormatException>(() => ModelSerializer.Deserialize("PK\u0003\u0004 not a model at all, really"u8)).Message.ShouldContain("Not a Beacon model");
        var future = (byte[])bytes.Clone();
        future[8] = 99;
        Should.Throw<ModelFormatException>(() => ModelSerializer.Deserialize(future)).Message.ShouldContain("version 99");
    }
}
