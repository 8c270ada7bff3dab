using Beacon.Learning.Boosting;
using Beacon.Learning.Data;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Beacon.Learning.LightGbm;

/// <summary>One model trained by ML.NET's LightGBM trainer, with what is needed to predict through ML.NET itself.</summary>
internal sealed class LightGbmFit
{
    private readonly MLContext _ml;
    private readonly SchemaDefinition _schema;

    private LightGbmFit(MLContext ml, SchemaDefinition schema, OneHotLayout layout,
        BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> model)
    {
        _ml = ml;
        _schema = schema;
        Layout = layout;
        Model = model;
    }

    public OneHotLayout Layout { get; }

    public BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> Model { get; }

    public int TreeCount => Model.Model.SubModel.TrainedTreeEnsemble.Trees.Count;

    // ML.NET's LightGBM call cannot be cancelled midway (a fold's fit takes seconds): the token is checked around it.
    public static LightGbmFit Train(Dataset fit, Dataset? held, LightGbmOptions o, int seed, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var layout = OneHotLayout.Build(fit, o.MinCategoryCount);
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(LightGbmRow));
        schema[nameof(LightGbmRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, layout.Width);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = o.Iterations,
            LearningRate = o.LearningRate,
            NumberOfLeaves = o.MaxLeaves,
            MinimumExampleCountPerLeaf = o.MinSamplesLeaf,
            MaximumBinCountPerFeature = o.MaxBins,
            EarlyStoppingRound = held is null ? 0 : o.EarlyStoppingRounds,
            EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.Logloss,

            // σ = 1: the trees' sum is the log-odds (ML.NET's default 0.5 would halve every contribution).
            Sigmoid = 1.0,
            UseCategoricalSplit = false,
            Seed = seed,
            NumberOfThreads = o.Threads,
            Booster = new GradientBooster.Options
            {
                MaximumTreeDepth = o.MaxDepth,
                MinimumChildWeight = o.MinChildWeight,
                L2Regularization = o.L2,
                SubsampleFraction = o.RowSubsample,
                SubsampleFrequency = o.RowSubsample < 1 ? 1 : 0,
                FeatureFraction = o.FeatureSubsample,
            },
        });
        var train = View(ml, schema, layout, fit);
        var model = held is null ? trainer.Fit(train) : trainer.Fit(train, View(ml, schema, layout, held));
        cancellationToken.ThrowIfCancellationRequested();
        return new LightGbmFit(ml, schema, layout, model);
    }

    /// <summary>The trees as Beacon's <see cref="TreeEnsemble"/>, with covers counted on the training rows (for TreeSHAP).</summary>
    public TreeEnsemble ToEnsemble(Dataset fit) => TreeConverter.Convert(Model.Model.SubModel.TrainedTreeEnsemble, Layout, fit);

    /// <summary>ML.NET's own prediction engine (not thread-safe: one per thread).</summary>
    public PredictionEngine<LightGbmRow, LightGbmScore> CreateEngine() =>
        _ml.Model.CreatePredictionEngine<LightGbmRow, LightGbmScore>(Model, inputSchemaDefinition: _schema);

    public LightGbmRow Row(ReadOnlySpan<double> row)
    {
        var features = new float[Layout.Width];
        Layout.Write(row, features);
        return new LightGbmRow { Features = features };
    }

    private static IDataView View(MLContext ml, SchemaDefinition schema, OneHotLayout layout, Dataset data)
    {
        var rows = new LightGbmRow[data.RowCount];
        var row = new double[data.FeatureCount];
        for (var i = 0; i < rows.Length; i++)
        {
            data.CopyRow(i, row);
            var features = new float[layout.Width];
            layout.Write(row, features);
            rows[i] = new LightGbmRow { Label = data.Labels[i] > 0.5, Features = features };
        }

        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}

/// <summary>ML.NET's input row (public members: ML.NET binds them by reflection).</summary>
internal sealed class LightGbmRow
{
    public bool Label { get; set; }

#pragma warning disable CA1819 // ML.NET reads a vector column from an array property.
    public float[] Features { get; set; } = [];
#pragma warning restore CA1819
}

/// <summary>ML.NET's output: Score is the raw log-odds (σ = 1).</summary>
internal sealed class LightGbmScore
{
    public float Score { get; set; }
}
