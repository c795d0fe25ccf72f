/// Batch normalisation layers (Ioffe & Szegedy 2015), as PyTorch's `BatchNorm1d` and
/// `BatchNorm2d`: in training, each channel is normalised with the batch's mean and biased
/// variance and the running statistics move towards the batch's; in evaluation, it is
/// normalised with the running statistics. Then γ scales and β shifts it
/// (`Variable.batchNormalized`, in Autodiff/BatchNormalization.swift, has the equations).

/// The running mean and variance of a batch-normalisation layer, one of each per channel: what
/// evaluation mode normalises with. They start at mean 0 and variance 1, and every training
/// batch moves them (PyTorch's rule, with the unbiased variance of the batch):
///
///     running ← (1 − momentum) · running + momentum · batch statistic
///
/// A class, because the statistics change while the layer does not: a layer is a value whose
/// `callAsFunction(_:training:)` is non-mutating, so it holds this reference and updates it.
/// Copies of a layer share their running statistics, as they share their parameters.
public final class RunningStatistics {
  /// The running mean of each channel.
  public private(set) var mean: [Float]
  /// The running (unbiased) variance of each channel.
  public private(set) var variance: [Float]
  /// The weight of the newest batch in the running averages.
  public let momentum: Float

  /// Statistics for `channels` channels at mean 0 and variance 1.
  public init(channels: Int, momentum: Float = 0.1) {
    precondition(
      momentum >= 0 && momentum <= 1,
      "RunningStatistics: momentum must be in [0, 1], got \(momentum)")
    mean = Array(repeating: 0, count: channels)
    variance = Array(repeating: 1, count: channels)
    self.momentum = momentum
  }

  /// Sets the running statistics to saved ones (a trained model read back from a file).
  public func restore(mean: [Float], variance: [Float]) {
    precondition(mean.count == self.mean.count && variance.count == self.variance.count,
                 "RunningStatistics: \(self.mean.count) channels, but \(mean.count) means and \(variance.count) variances were given")
    self.mean = mean
    self.variance = variance
  }

  /// Moves the running mean towards the batch mean and the running variance towards the
  /// batch's unbiased variance, by `momentum`.
  public func update(with batch: BatchStatistics) {
    precondition(
      batch.mean.count == mean.count,
      "RunningStatistics: \(mean.count) channels, but the batch has \(batch.mean.count)")
    let unbiased = batch.unbiasedVariance
    for c in mean.indices {
      mean[c] = (1 - momentum) * mean[c] + momentum * batch.mean[c]
      variance[c] = (1 - momentum) * variance[c] + momentum * unbiased[c]
    }
  }
}

/// Batch normalisation of a batch of features `[batch, features]`: statistics per feature over
/// the batch. γ (`scale`) and β (`offset`) have shape `[1, features]`.
public struct BatchNorm1d: Layer {
  /// γ, one per feature, initialised to 1.
  public let scale: Variable
  /// β, one per feature, initialised to 0.
  public let offset: Variable
  /// The running statistics: a reference, updated by every call in training mode.
  public let running: RunningStatistics
  /// ε, added to the variance before its square root.
  public let epsilon: Float

  public init(_ features: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    precondition(features > 0, "BatchNorm1d: needs at least one feature, got \(features)")
    scale = Variable(Tensor(repeating: 1, shape: [1, features]), requiresGradient: true)
    offset = Variable(Tensor(zeros: [1, features]), requiresGradient: true)
    running = RunningStatistics(channels: features, momentum: momentum)
    self.epsilon = epsilon
  }

  /// The number of features normalised.
  public var features: Int { scale.value.count }

  /// In training, normalises with the batch statistics (the batch needs at least two rows) and
  /// updates the running ones; in evaluation, normalises with the running statistics.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    precondition(
      x.value.rank == 2 && x.shape[1] == features,
      "BatchNorm1d: input \(x.shape) is not [batch, \(features)]")
    return batchNorm(
      x, scale: scale, offset: offset, running: running, epsilon: epsilon, training: training)
  }

  public var parameters: [Variable] { [scale, offset] }
}

/// Batch normalisation of a batch of images `[batch, channels, height, width]`: statistics per
/// channel over the batch, the height and the width. γ (`scale`) and β (`offset`) have shape
/// `[1, channels]`.
public struct BatchNorm2d: Layer {
  /// γ, one per channel, initialised to 1.
  public let scale: Variable
  /// β, one per channel, initialised to 0.
  public let offset: Variable
  /// The running statistics: a reference, updated by every call in training mode.
  public let running: RunningStatistics
  /// ε, added to the variance before its square root.
  public let epsilon: Float

  public init(_ channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    precondition(channels > 0, "BatchNorm2d: needs at least one channel, got \(channels)")
    scale = Variable(Tensor(repeating: 1, shape: [1, channels]), requiresGradient: true)
    offset = Variable(Tensor(zeros: [1, channels]), requiresGradient: true)
    running = RunningStatistics(channels: channels, momentum: momentum)
    self.epsilon = epsilon
  }

  /// The number of channels normalised.
  public var channels: Int { scale.value.count }

  /// In training, normalises with the batch statistics (which need more than one value per
  /// channel) and updates the running ones; in evaluation, normalises with the running ones.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    checkFits(x)
    return batchNorm(
      x, scale: scale, offset: offset, running: running, epsilon: epsilon, training: training)
  }

  func checkFits(_ x: Variable) {
    precondition(
      x.value.rank == 4 && x.shape[1] == channels,
      "BatchNorm2d: input \(x.shape) is not [batch, \(channels), height, width]")
  }

  public var parameters: [Variable] { [scale, offset] }
}

/// What both layers do once the input's shape is checked.
private func batchNorm(
  _ x: Variable, scale: Variable, offset: Variable, running: RunningStatistics, epsilon: Float,
  training: Bool
) -> Variable {
  if training {
    let (output, batch) = x.batchNormalized(scale: scale, offset: offset, epsilon: epsilon)
    running.update(with: batch)
    return output
  }
  return x.batchNormalized(
    mean: running.mean, variance: running.variance, scale: scale, offset: offset, epsilon: epsilon)
}
