using Beacon.Learning.Boosting;
using Beacon.Learning.Data;

namespace Beacon.Learning;

/// <summary>
/// A boosted-tree engine other than Beacon's own <see cref="GbtTrainer"/>, plugged into <see cref="ModelTrainer"/>'s
/// protocol (inner folds, early stopping on the held fold, fold average, calibration) so that both engines are
/// compared on the same folds, features and calibration. An interface because the other engine is an external,
/// native one (LightGBM through ML.NET) that the server's scoring path must not load.
/// </summary>
public interface ITreeTrainer
{
    /// <summary>The engine's name in reports ("lightgbm").</summary>
    string Name { get; }

    /// <summary>
    /// Trains on <paramref name="fit"/>, early-stopping on <paramref name="held"/> when given, and returns the trees as a
    /// <see cref="TreeEnsemble"/> over the same encoded features (so that averaging and TreeSHAP work unchanged).
    /// </summary>
    TreeEnsemble Train(Dataset fit, Dataset? held, int seed, CancellationToken cancellationToken);
}
