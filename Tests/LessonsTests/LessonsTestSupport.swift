import Lessons
import Math

/// FNV-1a over the bit patterns of every parameter, then of `values`: equal checksums mean
/// bit-identical training (the bench's `checksum`, extended to losses and counts).
func checksum(_ parameters: [Variable], _ values: [Double] = []) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for p in parameters {
    for x in p.value.scalars { hash = (hash ^ UInt64(x.bitPattern)) &* 0x100_0000_01b3 }
  }
  for v in values { hash = (hash ^ v.bitPattern) &* 0x100_0000_01b3 }
  return String(hash, radix: 16)
}

/// What a pinned training leaves: the checksum of its parameters and of the values it reported,
/// and the next number of its random stream (which tells how many it drew).
struct Pin: Equatable, Sendable {
  let checksum: String
  let nextRandom: UInt64
}

extension Pin {
  /// The pin of a finished training: `rng` is the stream it drew from.
  init(_ parameters: [Variable], _ values: [Double], after rng: inout SeededGenerator) {
    self.init(checksum: LessonsTests.checksum(parameters, values), nextRandom: rng.next())
  }
}

/// A layer that passes its input through unchanged and remembers every call: what it was given
/// and in which mode. Put first in a network, it shows what the network reads.
final class Recorder: Layer {
  private(set) var calls: [(input: Tensor, training: Bool)] = []

  func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    calls.append((x.value, training))
    return x
  }

  var parameters: [Variable] { [] }
}

/// A layer that turns every value into NaN in training mode and passes it through in evaluation
/// mode: a network that diverges only where it is trained.
struct NaNWhenTraining: Layer {
  func callAsFunction(_ x: Variable, training: Bool) -> Variable { training ? x + Float.nan : x }
  var parameters: [Variable] { [] }
}

/// A small batch of 2D points.
func pointBatch(_ rows: Int = 8, using rng: inout SeededGenerator) -> Tensor {
  Distribution1D.normal(mean: 1, sd: 0.5).tensor(rows: rows, columns: 2, using: &rng)
}

/// A small plain GAN on 2D points: G 2 → 8 → 2, D 2 → 8 → 1.
func smallGAN(seed: UInt64) -> GAN {
  var rng = SeededGenerator(seed: seed)
  return GAN(generator: .perceptron([2, 8, 2], using: &rng), discriminator: .perceptron([2, 8, 1], using: &rng),
             noise: .normal(mean: 0, sd: 1), noiseDimension: 2)
}

/// Training results pinned from the code before the one trainer, on the project's machine (AMD
/// EPYC, OpenBLAS, x86-64): they change if a loop draws random numbers in another order, or
/// computes anything differently. They hold only where matrix products round as they did there,
/// which `roundsAsPinned` checks on products of the sizes these trainings use; elsewhere the
/// tests that use them are skipped (`trainerMatchesAlgorithm1ByHand` still checks the order).
enum Pinned {
  static let roundsAsPinned: Bool = productProbe == "62bccc2d57742d25"

  /// `SineGANRecipeTests.trainingIsPinned`: the recipe, and k = 3 with momentum SGD.
  static let sine = Pin(checksum: "f3fd3c472f6d0bd", nextRandom: 4_870_749_293_698_562_431)
  static let sineKThreeWithSGD = Pin(checksum: "b7eb85ab192d437f", nextRandom: 12_914_021_466_569_077_721)
  /// `RingGANRecipeTests.trainingIsPinned`: the recipe, and with minibatch discrimination, the
  /// minimax cost and momentum SGD.
  static let ring = Pin(checksum: "113533407aa02ea5", nextRandom: 11_665_245_066_712_002_478)
  static let ringVariant = Pin(checksum: "f89dbb5295e15d59", nextRandom: 13_514_413_767_463_625_373)
  /// `MultimodalPredictionRecipeTests.trainingIsPinned`: the regressor, then the conditional GAN.
  static let regressor = Pin(checksum: "dc85735d6e7314aa", nextRandom: 15_063_515_543_911_728_066)
  static let conditionalGAN = Pin(checksum: "93bd1ff16b6b3053", nextRandom: 5_974_337_718_142_731_189)

  /// The checksum of products `op(a) · op(b)` of the shapes of these trainings' layers.
  static var productProbe: String {
    var rng = SeededGenerator(seed: 99)
    var values: [Double] = []
    for (m, k, n) in [(32, 2, 16), (32, 16, 32), (64, 2, 256), (64, 256, 128), (64, 128, 64), (64, 64, 1), (16, 17, 16)] {
      let a = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: m, columns: k, using: &rng)
      let b = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: k, columns: n, using: &rng)
      let c = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: m, columns: n, using: &rng)
      for product in [Tensor.matmul(a, b), Tensor.matmul(a, c, transposeA: true), Tensor.matmul(c, b, transposeB: true)] {
        values += product.scalars.map(Double.init)
      }
    }
    return checksum([], values)
  }
}
