import Foundation
import Math

/// Images with their class labels, kept together when a minibatch is drawn.
public struct LabelledImages: RowGatherable, Sendable {
  /// Images `[count, channels, height, width]`.
  public var images: Tensor
  /// The class of each image.
  public var labels: [Int]

  public init(images: Tensor, labels: [Int]) {
    precondition(images.rows == labels.count, "LabelledImages: \(images.rows) images and \(labels.count) labels")
    self.images = images
    self.labels = labels
  }

  public var rows: Int { labels.count }

  public func gatheringRows(_ indices: [Int]) -> LabelledImages {
    LabelledImages(images: images.gatheringRows(indices), labels: indices.map { labels[$0] })
  }
}

/// A convolutional classifier of 28 × 28 grey images into ten classes (or of s × s images into
/// `classes`): the workbook's instrument for judging generated images (which class a sample
/// shows, and features in which to compare sets of images). Two strided convolutions with batch
/// normalisation and ReLU (28 → 14 → 7), then a hidden layer of `features` units — the penultimate features — and one logit per class;
/// trained with Adam on softmax cross-entropy.
public struct ImageClassifierRecipe: Sendable {
  public var channels = (first: 32, second: 64)
  /// The width of the penultimate layer.
  public var features = 128
  public var classes = 10
  /// The side of the square input images, a multiple of 4: 28 for Fashion-MNIST, 32 for the
  /// faces.
  public var side = 28
  public var learningRate: Float = 1e-3
  public var batchSize = 64

  public init() {}

  /// The network up to and including the penultimate features (ReLU), and the last layer.
  public func makeNetwork<R: RandomNumberGenerator>(using rng: inout R) -> (body: Sequential, head: Linear) {
    precondition(side >= 4 && side % 4 == 0, "ImageClassifierRecipe: side \(side) must be a multiple of 4")
    let (a, b) = channels
    let body = Sequential(
      Conv2d(1, a, kernelSize: 4, stride: 2, padding: 1, using: &rng), BatchNorm2d(a), Activation.relu,
      Conv2d(a, b, kernelSize: 4, stride: 2, padding: 1, using: &rng), BatchNorm2d(b), Activation.relu,
      Flatten(), Linear(b * (side / 4) * (side / 4), features, using: &rng), Activation.relu)
    return (body, Linear(features, classes, using: &rng))
  }

  /// A classifier trained on `data` for `epochs` (shuffled minibatches). `onEpoch(epoch, meanLoss)`
  /// after each.
  /// - Throws: `TrainingDiverged` when the loss is not finite.
  public func train<R: RandomNumberGenerator>(on data: LabelledImages, epochs: Int, using rng: inout R,
                                              onEpoch: (Int, Double) -> Void = { _, _ in }) throws -> ImageClassifier {
    let (body, head) = makeNetwork(using: &rng)
    let classifier = ImageClassifier(body: body, head: head)
    var optimizer = Adam(classifier.parameters, learningRate: learningRate)
    var step = 0
    for epoch in 1...max(1, epochs) {
      var (sum, count) = (0.0, 0)
      for batch in minibatches(of: data, size: batchSize, using: &rng) where batch.rows > 1 {
        step += 1
        let loss = withGradients {
          softmaxCrossEntropy(logits: classifier.logits(Variable(batch.images), training: true), labels: batch.labels)
        }
        _ = try finite(Double(loss), "the classifier's loss", step: step, of: "the Fashion-MNIST classifier")
        optimizer.step()
        (sum, count) = (sum + Double(loss), count + 1)
      }
      onEpoch(epoch, sum / Double(max(count, 1)))
    }
    return classifier
  }
}

/// A trained image classifier: `body` maps images to their penultimate features, `head` the
/// features to one logit per class.
public struct ImageClassifier {
  public let body: Sequential
  public let head: Linear

  public init(body: Sequential, head: Linear) {
    self.body = body
    self.head = head
  }

  public var parameters: [Variable] { body.parameters + head.parameters }

  /// Everything training set, in a fixed order: the parameters' values, then the running mean
  /// and variance of each batch normalisation layer. `restore(_:)` takes it back.
  public var state: [Tensor] {
    parameters.map(\.value) + runningStatistics.flatMap { r in
      [Tensor(shape: [r.mean.count], scalars: r.mean), Tensor(shape: [r.variance.count], scalars: r.variance)]
    }
  }

  /// Sets the classifier to a saved `state` of a classifier of the same architecture.
  /// - Returns: false (and changes nothing) when the shapes do not match.
  @discardableResult
  public func restore(_ state: [Tensor]) -> Bool {
    let statistics = runningStatistics
    guard state.count == parameters.count + 2 * statistics.count,
      zip(parameters, state).allSatisfy({ $0.shape == $1.shape }),
      zip(statistics, stride(from: parameters.count, to: state.count, by: 2)).allSatisfy({
        state[$1].count == $0.mean.count && state[$1 + 1].count == $0.variance.count
      })
    else { return false }
    for (p, value) in zip(parameters, state) { p.value = value }
    for (r, i) in zip(statistics, stride(from: parameters.count, to: state.count, by: 2)) {
      r.restore(mean: state[i].scalars, variance: state[i + 1].scalars)
    }
    return true
  }

  private var runningStatistics: [RunningStatistics] {
    body.layers.compactMap { ($0 as? BatchNorm2d)?.running ?? ($0 as? BatchNorm1d)?.running }
  }

  /// The logits `[batch, classes]`.
  public func logits(_ images: Variable, training: Bool) -> Variable {
    head(body(images, training: training), training: training)
  }

  /// The penultimate features of `images`, `[count, features]`, in evaluation mode, computed
  /// `batchSize` images at a time.
  public func features(_ images: Tensor, batchSize: Int = 500) -> Tensor {
    evaluatedInBatches(images, size: batchSize) { body.evaluate($0) }
  }

  /// The most likely class of each image (evaluation mode).
  public func predictions(_ images: Tensor, batchSize: Int = 500) -> [Int] {
    let logits = logits(of: images, batchSize: batchSize)
    return (0..<logits.rows).map { i in
      let row = logits.row(i)
      return row.indices.max { row[$0] < row[$1] }!
    }
  }

  /// The share of `data` classified correctly.
  public func accuracy(on data: LabelledImages) -> Double {
    let predicted = predictions(data.images)
    return Double(zip(predicted, data.labels).filter { $0 == $1 }.count) / Double(max(data.rows, 1))
  }

  /// The logits `[count, classes]` of `images` in evaluation mode, `batchSize` at a time.
  func logits(of images: Tensor, batchSize: Int) -> Tensor {
    evaluatedInBatches(images, size: batchSize) { head.evaluate(body.evaluate($0)) }
  }
}

extension ImageClassifierRecipe {
  /// Everything that decides what `train` returns, as one line: a cache keeps a trained classifier
  /// under it and retrains when any of it changes (`data` names the training data, e.g. its files
  /// and sizes). Bump `version` when the training code changes what it computes.
  public func fingerprint(epochs: Int, seed: UInt64, data: String, version: Int = 1) -> String {
    "ImageClassifierRecipe v\(version): channels \(channels.first), \(channels.second); features \(features); "
      + "classes \(classes); \(side == 28 ? "" : "side \(side); ")Adam \(learningRate); batch \(batchSize); epochs \(epochs); seed \(seed); data \(data)"
  }

  /// A classifier of this architecture holding `state` (a trained one's `state`), or nil when
  /// the state does not fit.
  public func restored(_ state: [Tensor]) -> ImageClassifier? {
    var rng = SeededGenerator(seed: 0)
    let (body, head) = makeNetwork(using: &rng)
    let classifier = ImageClassifier(body: body, head: head)
    return classifier.restore(state) ? classifier : nil
  }
}

extension ImageClassifier {
  /// The classifier's probabilities of the classes, softmax of the logits, `[count, classes]`
  /// (evaluation mode).
  public func probabilities(_ images: Tensor, batchSize: Int = 500) -> Tensor {
    let logits = logits(of: images, batchSize: batchSize)
    let k = logits.columns
    return Tensor(shape: logits.shape, scalars: (0..<logits.rows).flatMap { i -> [Float] in
      let row = logits.scalars[(i * k)..<((i + 1) * k)]
      let top = row.max()!
      let e = row.map { Foundation.exp(Double($0 - top)) }
      let total = e.reduce(0, +)
      return e.map { Float($0 / total) }
    })
  }
}
