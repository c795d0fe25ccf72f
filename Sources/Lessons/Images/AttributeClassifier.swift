import Foundation
import Math

/// Images with binary attributes (several per image, each present or not), kept together when a
/// minibatch is drawn.
public struct AttributeLabelledImages: RowGatherable, Sendable {
  /// Images `[count, channels, height, width]`.
  public var images: Tensor
  /// `[count, attributes]`: 1 where the image has the attribute, 0 where not.
  public var attributes: Tensor

  public init(images: Tensor, attributes: Tensor) {
    precondition(
      attributes.shape.count == 2 && images.rows == attributes.rows,
      "AttributeLabelledImages: images \(images.shape) and attributes \(attributes.shape) must have one row per image"
    )
    precondition(
      attributes.scalars.allSatisfy { $0 == 0 || $0 == 1 },
      "AttributeLabelledImages: attributes must be 0 or 1")
    self.images = images
    self.attributes = attributes
  }

  public var rows: Int { images.rows }

  public func gatheringRows(_ indices: [Int]) -> AttributeLabelledImages {
    AttributeLabelledImages(
      images: images.gatheringRows(indices), attributes: attributes.gatheringRows(indices))
  }
}

/// A multi-label classifier of `side × side` grey images: one logit per attribute, each read
/// on its own (σ(logit) is the probability that the image has the attribute) — the workbook's
/// instrument for the procedural faces (which attributes a generated face shows, and features in
/// which to compare sets of faces). Two strided convolutions with batch normalisation and ReLU
/// (side → side/2 → side/4), a hidden layer of `features` units, the penultimate features, and
/// one logit per attribute; trained with Adam on binary cross-entropy summed over the attributes
/// (averaged over the batch and the attributes, which only scales it).
public struct AttributeClassifierRecipe: Sendable {
  public var channels = (first: 32, second: 64)
  /// The width of the penultimate layer.
  public var features = 128
  /// The number of attributes (logits).
  public var attributes = 6
  /// The side of the square input images (a multiple of 4).
  public var side = 32
  public var learningRate: Float = 1e-3
  public var batchSize = 64

  public init() {}

  /// The network up to and including the penultimate features (ReLU), and the last layer: the
  /// network of `ImageClassifierRecipe`, with one logit per attribute.
  public func makeNetwork<R: RandomNumberGenerator>(using rng: inout R) -> (
    body: Sequential, head: Linear
  ) {
    var network = ImageClassifierRecipe()
    (network.channels, network.features, network.classes, network.side) = (channels, features, attributes, side)
    return network.makeNetwork(using: &rng)
  }

  /// A classifier trained on `data` for `epochs` (shuffled minibatches). `onEpoch(epoch, meanLoss)`
  /// after each.
  /// - Throws: `TrainingDiverged` when the loss is not finite.
  public func train<R: RandomNumberGenerator>(
    on data: AttributeLabelledImages, epochs: Int, using rng: inout R,
    onEpoch: (Int, Double) -> Void = { _, _ in }
  ) throws -> AttributeClassifier {
    precondition(
      data.attributes.columns == attributes,
      "AttributeClassifierRecipe: the data have \(data.attributes.columns) attributes, the recipe \(attributes)"
    )
    let (body, head) = makeNetwork(using: &rng)
    let classifier = AttributeClassifier(network: ImageClassifier(body: body, head: head))
    var optimizer = Adam(classifier.parameters, learningRate: learningRate)
    var step = 0
    for epoch in 1...max(1, epochs) {
      var (sum, count) = (0.0, 0)
      for batch in minibatches(of: data, size: batchSize, using: &rng) where batch.rows > 1 {
        step += 1
        let loss = withGradients {
          binaryCrossEntropy(
            logits: classifier.network.logits(Variable(batch.images), training: true),
            targets: batch.attributes)
        }
        _ = try finite(
          Double(loss), "the classifier's loss", step: step, of: "the attribute classifier")
        optimizer.step()
        (sum, count) = (sum + Double(loss), count + 1)
      }
      onEpoch(epoch, sum / Double(max(count, 1)))
    }
    return classifier
  }

  /// Everything that decides what `train` returns, as one line: a cache keeps a trained classifier
  /// under it and retrains when any of it changes (`data` names the training data, e.g. the
  /// generator's seed and count). Bump `version` when the training code changes what it computes.
  public func fingerprint(epochs: Int, seed: UInt64, data: String, version: Int = 1) -> String {
    "AttributeClassifierRecipe v\(version): channels \(channels.first), \(channels.second); features \(features); "
      + "attributes \(attributes); side \(side); Adam \(learningRate); batch \(batchSize); epochs \(epochs); seed \(seed); "
      + "data \(data)"
  }

  /// A classifier of this architecture holding `state` (a trained one's `state`), or nil when
  /// the state does not fit.
  public func restored(_ state: [Tensor]) -> AttributeClassifier? {
    var rng = SeededGenerator(seed: 0)
    let (body, head) = makeNetwork(using: &rng)
    let classifier = AttributeClassifier(network: ImageClassifier(body: body, head: head))
    return classifier.restore(state) ? classifier : nil
  }
}

/// A trained attribute classifier: the network (penultimate features, then one logit per
/// attribute) with the attribute-wise readings of its logits.
public struct AttributeClassifier {
  /// The convolutional body and the last layer; its `logits` are one per attribute.
  public let network: ImageClassifier

  public init(network: ImageClassifier) {
    self.network = network
  }

  public var parameters: [Variable] { network.parameters }

  /// Everything training set (see `ImageClassifier.state`); `restore(_:)` takes it back.
  public var state: [Tensor] { network.state }

  /// Sets the classifier to a saved `state` of a classifier of the same architecture.
  /// - Returns: false (and changes nothing) when the shapes do not match.
  @discardableResult
  public func restore(_ state: [Tensor]) -> Bool { network.restore(state) }

  /// The penultimate features of `images`, `[count, features]` (evaluation mode): where the
  /// Fréchet distance between sets of faces is measured.
  public func features(_ images: Tensor, batchSize: Int = 500) -> Tensor {
    network.features(images, batchSize: batchSize)
  }

  /// The probability of each attribute, σ(logit), `[count, attributes]` (evaluation mode).
  public func probabilities(_ images: Tensor, batchSize: Int = 500) -> Tensor {
    let logits = network.logits(of: images, batchSize: batchSize)
    return Tensor(shape: logits.shape, scalars: logits.scalars.map { sigmoid($0) })
  }

  /// Whether each image has each attribute (probability above ½, i.e. logit above 0),
  /// `[count][attributes]`.
  public func predictions(_ images: Tensor, batchSize: Int = 500) -> [[Bool]] {
    let logits = network.logits(of: images, batchSize: batchSize)
    return (0..<logits.rows).map { i in (0..<logits.columns).map { logits[i, $0] > 0 } }
  }

  /// For each attribute, the share of `data` whose presence or absence is predicted correctly.
  public func accuracies(on data: AttributeLabelledImages) -> [Double] {
    let predicted = predictions(data.images)
    let n = Double(max(data.rows, 1))
    return (0..<data.attributes.columns).map { k in
      Double((0..<data.rows).filter { predicted[$0][k] == (data.attributes[$0, k] == 1) }.count) / n
    }
  }
}
