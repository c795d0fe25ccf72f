import Math

/// Data a GAN learns from, one example a row: the real samples x that D should accept and, for a
/// conditional GAN, the condition y of each (Mirza & Osindero 2014). A plain data set is a
/// `Tensor` of samples; a conditional one, `ConditionalPairs` of conditions and targets.
public protocol AdversarialExamples: RowGatherable {
  /// The real samples x and, for a conditional GAN, their conditions y (nil for a plain GAN).
  var samplesAndConditions: (samples: Tensor, conditions: Tensor?) { get }
}

extension Tensor: AdversarialExamples {
  /// The rows are the samples; there are no conditions.
  public var samplesAndConditions: (samples: Tensor, conditions: Tensor?) { (self, nil) }
}

extension ConditionalPairs: AdversarialExamples {
  /// The targets are the samples, each with its condition.
  public var samplesAndConditions: (samples: Tensor, conditions: Tensor?) { (targets, conditions) }
}
