using Beacon.Learning.Boosting;
using Beacon.Learning.Data;

namespace Beacon.Learning.LightGbm;

/// <summary>
/// LightGBM (ML.NET's <c>LightGbmBinaryTrainer</c>, native lib_lightgbm) as an <see cref="ITreeTrainer"/>: trained on
/// the same rows and early-stopped on the same held fold as Beacon's booster; its trees come back as a
/// <see cref="TreeEnsemble"/> over the same features, so averaging, calibration and exact TreeSHAP are shared.
/// </summary>
public sealed class LightGbmTrainer(LightGbmOptions options) : ITreeTrainer
{
    public LightGbmTrainer()
        : this(new LightGbmOptions())
    {
    }

    public string Name => "lightgbm";

    public LightGbmOptions Options { get; } = options;

    public TreeEnsemble Train(Dataset fit, Dataset? held, int seed, CancellationToken cancellationToken) =>
        LightGbmFit.Train(fit, held, Options, seed, cancellationToken).ToEnsemble(fit);
}
