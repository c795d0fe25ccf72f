import Foundation
import Math
import PropertyBased
import Testing

/// The reparameterisation z = μ + exp(½ log σ²) ⊙ ε (Kingma & Welling 2014, §2.4): gradients by
/// finite differences, the moments of the draws, and its randomness taken from the generator
/// passed in.
@Suite struct ReparameterisationTests {
  @Test func gradientReachesMeanAndLogVariance() async {
    await expectGradientsMatch(rows: 1...6, columns: 1...8) { r, c, g in
      let (mu, logVar) = (g.parameter(r, c), g.parameter(r, c))
      let noise = g.tensor(r, c, in: -3...3)
      return ([mu, logVar], { Variable.reparameterised(mean: mu, logVariance: logVar, noise: noise) })
    }
  }

  @Test func gradientThroughTheDrawnNoise() async {
    // The generator version differentiates the same way for the ε it drew: each evaluation
    // starts the generator afresh, so every call of the function sees the same ε.
    await expectGradientsMatch(rows: 1...6, columns: 1...8) { r, c, g in
      let (mu, logVar) = (g.parameter(r, c), g.parameter(r, c))
      let seed = g.next()
      return ([mu, logVar], {
        var noise = SeededGenerator(seed: seed)
        return Variable.reparameterised(mean: mu, logVariance: logVar, using: &noise).squared()
      })
    }
  }

  /// Each column j of 200,000 draws has mean μⱼ and variance σⱼ²: the sample mean within five
  /// standard errors σⱼ/√n, the sample variance within five of σⱼ²·√(2/(n − 1)).
  @Test func drawsHaveTheRequestedMeanAndVariance() async {
    await propertyCheck(count: 8, input: Gen.int(in: 1...4), Gen.uint64()) { latent, seed in
      var g = SeededGenerator(seed: seed)
      let n = 200_000
      let mu = (0..<latent).map { _ in Float(g.uniform(-3, 3)) }
      let logVar = (0..<latent).map { _ in Float(g.uniform(-3, 3)) }
      let repeated = { (row: [Float]) in Tensor(shape: [n, latent], scalars: Array((0..<n).map { _ in row }.joined())) }
      let z = Variable.reparameterised(mean: Variable(repeated(mu)), logVariance: Variable(repeated(logVar)),
                                       using: &g).value
      for j in 0..<latent {
        let column = z.column(j)
        let mean = column.reduce(0, +) / Double(n)
        let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let sigmaSquared = Foundation.exp(Double(logVar[j]))
        #expect(abs(mean - Double(mu[j])) < 5 * (sigmaSquared / Double(n)).squareRoot(),
                "column \(j): mean \(mean), requested \(mu[j])")
        #expect(abs(variance - sigmaSquared) < 5 * sigmaSquared * (2 / Double(n - 1)).squareRoot(),
                "column \(j): variance \(variance), requested \(sigmaSquared)")
      }
    }
  }

  @Test func randomnessComesFromTheGeneratorPassedIn() {
    let mu = Variable(Tensor(rows: [[0.5, -1], [2, 0]]))
    let logVar = Variable(Tensor(rows: [[0, 1], [-1, 0.5]]))
    var (a, b, c) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7), SeededGenerator(seed: 8))
    let (za, zb, zc) = (Variable.reparameterised(mean: mu, logVariance: logVar, using: &a).value,
                        Variable.reparameterised(mean: mu, logVariance: logVar, using: &b).value,
                        Variable.reparameterised(mean: mu, logVariance: logVar, using: &c).value)
    #expect(za == zb)
    #expect(za != zc)
    // The draws are ε ~ N(0, 1) taken one after another from the generator.
    var replay = SeededGenerator(seed: 7)
    let noise = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 2, columns: 2, using: &replay)
    #expect(za == Variable.reparameterised(mean: mu, logVariance: logVar, noise: noise).value)
  }

  @Test func zeroLogVarianceAddsTheNoiseItself() {
    let mu = Variable(Tensor(rows: [[1, 2, 3]]))
    let noise = Tensor(rows: [[0.25, -0.5, 2]])
    let z = Variable.reparameterised(mean: mu, logVariance: Variable(Tensor(zeros: [1, 3])), noise: noise)
    #expect(z.value == Tensor(rows: [[1.25, 1.5, 5]]))
  }
}
