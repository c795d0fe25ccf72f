import Math

/// "The fact that the discriminator get fooled does not mean the fake is good (neural networks
/// are easily fooled)" (course slides): climb D's output in input space and see where it leads.

/// ∂a/∂x for each row x of `x`, where a is the discriminator's logit, D(x) = σ(a); D's
/// parameters are frozen. `discriminator` must treat rows independently (no minibatch layer).
public func discriminatorInputGradient(_ discriminator: Sequential, at x: Tensor) -> Tensor {
  frozen(discriminator.parameters) {
    let input = Variable(x, requiresGradient: true)
    discriminator(input, training: false).sum().backward()
    return input.gradient ?? Tensor(zeros: x.shape)
  }
}

/// One step of gradient ascent on log D(x) in input space: x + η (1 − D(x)) ∂a/∂x, since
/// ∂ log σ(a)/∂a = 1 − σ(a).
public func foolingStep(_ discriminator: Sequential, _ x: Tensor, stepSize: Float) -> Tensor {
  let g = discriminatorInputGradient(discriminator, at: x)
  let d = discriminator.evaluate(x).scalars.map(sigmoid)
  var next = x
  for i in 0..<x.rows {
    for j in 0..<x.columns { next[i, j] += stepSize * (1 - d[i]) * g[i, j] }
  }
  return next
}

/// Points that fool D: from each row of `start`, ascend log D(x) until D(x) > `threshold` (each
/// row stops on its own) or `maxSteps` run out. Returns the points and, for each, the number of
/// steps it took (`maxSteps` when it did not get there earlier; judge the points with D).
public func foolDiscriminator(_ discriminator: Sequential, from start: Tensor, threshold: Double = 0.9,
                              stepSize: Float, maxSteps: Int) -> (points: Tensor, steps: [Int]) {
  var x = start
  var steps = Array(repeating: maxSteps, count: start.rows)
  for step in 0..<maxSteps {
    let d = discriminator.evaluate(x).scalars.map { sigmoid(Double($0)) }
    let moving = (0..<x.rows).filter { d[$0] <= threshold && steps[$0] == maxSteps }
    for i in 0..<x.rows where d[i] > threshold && steps[i] == maxSteps { steps[i] = step }
    if moving.isEmpty { break }
    let moved = foolingStep(discriminator, x.gatheringRows(moving), stepSize: stepSize)
    for (k, i) in moving.enumerated() {
      for j in 0..<x.columns { x[i, j] = moved[k, j] }
    }
  }
  return (x, steps)
}
