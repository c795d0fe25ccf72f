import Math

/// Can a discriminator still tell `fake` from `real`? A fresh discriminator (new weights: a
/// perceptron of `layers`, leaky ReLU 0.2) is trained `steps` minibatch steps of `batchSize`
/// samples of each, at a constant learning rate (Adam, β₁ = 0.5), by the same
/// `discriminatorStep` as every GAN; then it is asked about `probeCount` new samples of each.
///
/// Returns the mean |D(x) − ½| over the probe. It is 0 for a D that answers ½ everywhere, which
/// is all a D can do when `fake` and `real` are the same distribution (up to what it learns
/// from the noise of finite samples); for the optimal D* = p/(p + q) it is half the total
/// variation distance between them, ¼ ∫ |p − q| dx. The test of Fig. 1 (d) of Goodfellow et
/// al. 2014, "D = ½ at convergence", made with a D that is still learning.
///
/// `real` and `fake` return `n` samples as rows, drawing from the generator they are given.
public func freshDiscriminatorGap(
  layers: [Int], steps: Int, batchSize: Int, learningRate: Float = 0.001, probeCount: Int = 20_000,
  real: (Int, inout SeededGenerator) -> Tensor, fake: (Int, inout SeededGenerator) -> Tensor,
  using rng: inout SeededGenerator
) -> Double {
  precondition(steps >= 1 && batchSize >= 1 && probeCount >= 1,
               "freshDiscriminatorGap: steps \(steps), batch size \(batchSize) and probe count \(probeCount) must be ≥ 1")
  let d = Sequential.perceptron(layers, hidden: .leakyRelu(slope: 0.2), using: &rng)
  var optimizer = Adam(d.parameters, learningRate: learningRate, beta1: 0.5)
  for _ in 0..<steps {
    discriminatorStep(d, optimizer: &optimizer, real: real(batchSize, &rng), fake: fake(batchSize, &rng))
  }
  let probe = Tensor.concatenatingRows([real(probeCount, &rng), fake(probeCount, &rng)])
  let answers = d.evaluate(probe).scalars.map { abs(Math.sigmoid(Double($0)) - 0.5) }
  return answers.reduce(0, +) / Double(answers.count)
}
