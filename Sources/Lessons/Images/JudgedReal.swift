import Math

/// The workbook's stand-in for the texts' human studies ("which of these images are real?"): a
/// judge — a classifier of the `ImageClassifierRecipe` architecture with two classes, real and
/// generated — trained on half of a set of real images against half of a model's samples, then
/// asked about the other halves, which it has not seen. The judged-real rate is the share of the
/// unseen samples it takes for real; the same share of unseen real images is the control that
/// says how often the judge takes a real image for real.
///
/// A judge that cannot tell the two apart takes about as many samples as real images for real;
/// one that can, few samples. (This is a classifier two-sample test, Lopez-Paz & Oquab 2017, read
/// as a rate.) Unlike a human, the judge is trained against the very model it judges, so it finds
/// whatever artefact the samples share: compare rates of models judged the same way, never with the
/// texts' human percentages.
public struct JudgedRealRate: Sendable {
  /// The share of unseen samples judged real.
  public let samples: Double
  /// The share of unseen real images judged real (the control).
  public let real: Double
  /// The judge's accuracy on the unseen halves together.
  public var accuracy: Double { (real + (1 - samples)) / 2 }

  public init(samples: Double, real: Double) {
    self.samples = samples
    self.real = real
  }

  /// Trains a judge on the first half of `real` and of `samples` (equal numbers of grey images,
  /// shaped `[n, 1, s, s]` with s a multiple of 4: 28 for Fashion-MNIST, 32 for the faces) for
  /// `epochs` and judges the second halves.
  /// - Throws: `TrainingDiverged` when the judge's loss is not finite.
  public static func measure<R: RandomNumberGenerator>(real: Tensor, samples: Tensor, epochs: Int = 2,
                                                       using rng: inout R) throws -> JudgedRealRate {
    precondition(real.rows == samples.rows && real.rows >= 4,
                 "JudgedRealRate: needs equal numbers (at least 4) of real images and samples, got \(real.rows) and \(samples.rows)")
    precondition(real.shape.count == 4 && real.shape == samples.shape && real.shape[1] == 1 && real.shape[2] == real.shape[3],
                 "JudgedRealRate: real images \(real.shape) and samples \(samples.shape) must both be [n, 1, s, s]")
    let half = real.rows / 2
    let training = LabelledImages(
      images: Tensor.concatenatingRows([real.rows(0..<half), samples.rows(0..<half)]),
      labels: Array(repeating: 1, count: half) + Array(repeating: 0, count: half))
    var recipe = ImageClassifierRecipe()
    recipe.classes = 2
    recipe.side = real.shape[3]
    let judge = try recipe.train(on: training, epochs: epochs, using: &rng)
    func shareJudgedReal(_ images: Tensor) -> Double {
      let verdicts = judge.predictions(images)
      return Double(verdicts.filter { $0 == 1 }.count) / Double(verdicts.count)
    }
    return JudgedRealRate(samples: shareJudgedReal(samples.rows(half..<samples.rows)),
                          real: shareJudgedReal(real.rows(half..<real.rows)))
  }
}
