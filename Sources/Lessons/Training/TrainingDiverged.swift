/// Training stopped because a loss became NaN or infinite. The message names the loss, its
/// value, the step and the model: "the discriminator's loss is NaN at step 1234 of the
/// conditional GAN".
public struct TrainingDiverged: Error, CustomStringConvertible {
  /// The loss that was checked, e.g. "the discriminator's loss".
  public let loss: String
  /// Its value: NaN, +∞ or −∞.
  public let value: Double
  /// The training step (minibatch) at which it was computed, from 1.
  public let step: Int
  /// The model being trained, e.g. "the conditional GAN".
  public let model: String

  public init(loss: String, value: Double, step: Int, model: String) {
    self.loss = loss
    self.value = value
    self.step = step
    self.model = model
  }

  public var description: String {
    let shown = value.isNaN ? "NaN" : value > 0 ? "+∞" : "−∞"
    return "\(loss) is \(shown) at step \(step) of \(model)"
  }
}

/// The divergence check of every training loop in Lessons: returns `value` when it is finite,
/// and throws `TrainingDiverged` naming the loss, the step and the model when it is not.
@discardableResult
public func finite(_ value: Double, _ loss: String, step: Int, of model: String) throws -> Double {
  guard value.isFinite else { throw TrainingDiverged(loss: loss, value: value, step: step, model: model) }
  return value
}
