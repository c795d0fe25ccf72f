import Math

/// A class-conditional DCGAN (the tutorial paper §IV: "y is given as input to both D and G as a
/// condition"): the DCGAN of `DCGANRecipe` whose G reads [z | y] — noise beside the one-hot class
/// — and whose D reads [y | x] and turns y into one constant plane per class in front of the
/// image (`StackedPlanes.classPlanes`). Trained by the one adversarial trainer on `ConditionalPairs` of one-hot
/// classes and images; sampling with a chosen class asks G for an image of that class.
public struct ConditionalDCGANRecipe: Sendable {
  /// The networks and the training, as for the unconditional DCGAN.
  public var dcgan = DCGANRecipe()
  /// The number of classes (10 for Fashion-MNIST).
  public var classes = 10

  public init() {
    dcgan.training.model = "the conditional DCGAN"
  }

  public var training: AdversarialTraining { dcgan.training }

  /// Fresh networks, initialised from `rng`.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> ConditionalGAN {
    let generator = dcgan.makeGenerator(conditionWidth: classes, using: &rng)
    let discriminator = dcgan.makeDiscriminator(inputChannels: classes + dcgan.imageChannels, using: &rng)
    return ConditionalGAN(
      generator: generator,
      discriminator: Sequential([StackedPlanes.classPlanes(classes: classes, imageShape: [dcgan.imageChannels, 28, 28])]
        + discriminator.layers),
      noiseDimension: dcgan.noiseDimension)
  }

  /// One-hot rows `[labels.count, classes]` for class labels 0..<classes.
  public func oneHot(_ labels: [Int]) -> Tensor { Lessons.oneHot(labels, classes: classes) }
}

/// One-hot rows `[labels.count, classes]`: row i is 1 in column `labels[i]` and 0 elsewhere.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
  var y = Tensor(zeros: [labels.count, classes])
  for (i, label) in labels.enumerated() {
    precondition(label >= 0 && label < classes, "oneHot: label \(label) outside 0..<\(classes)")
    y[i, label] = 1
  }
  return y
}
