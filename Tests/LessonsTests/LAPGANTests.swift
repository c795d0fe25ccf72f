import Lessons
import Math
import Testing

@Suite struct LAPGANTests {
  /// Smooth random images in (−1, 1), `[n, 1, side, side]`.
  static func images(_ n: Int, side: Int = 28, seed: UInt64 = 3) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    let noise = Distribution1D.uniform(low: -0.9, high: 0.9).tensor(rows: n, columns: side * side, using: &rng)
    return noise.reshaped([n, 1, side, side])
  }

  static func bits(_ layers: [any Layer]) -> [UInt32] {
    layers.flatMap { $0.parameters.flatMap { $0.value.scalars.map(\.bitPattern) } }
  }

  @Test func theLevelsHaveTheSidesOfThePyramid() {
    var rng = SeededGenerator(seed: 1)
    let recipe = LAPGANRecipe()
    #expect(recipe.sides == [28, 14, 7])
    let lapgan = recipe.makeLAPGAN(using: &rng)
    let chain = lapgan.sample(count: 3, using: &rng)
    #expect(chain.images.map(\.shape) == [[3, 1, 28, 28], [3, 1, 14, 14], [3, 1, 7, 7]])
    #expect(chain.residuals.map(\.shape) == [[3, 1, 28, 28], [3, 1, 14, 14]])
    #expect(chain.upsampled.map(\.shape) == [[3, 1, 28, 28], [3, 1, 14, 14]])
  }

  /// Denton et al. Eq. 5: Ĩ_k = u(Ĩ_{k+1}) + h̃_k, bit for bit, at every level.
  @Test func samplingAddsEachResidualToTheUpsampledCoarserImage() {
    var rng = SeededGenerator(seed: 2)
    let lapgan = LAPGANRecipe().makeLAPGAN(using: &rng)
    let chain = lapgan.sample(count: 4, using: &rng)
    for k in 0..<2 {
      let l = LaplacianPyramid.upsample(chain.images[k + 1], height: lapgan.sides[k], width: lapgan.sides[k])
      #expect(chain.upsampled[k].scalars == l.scalars)
      #expect(chain.images[k].scalars == (l + chain.residuals[k]).scalars)
      #expect(chain.residuals[k].scalars.contains { $0 != 0 }, "G_\(k) adds a residual")
    }
  }

  @Test func withoutResidualsTheSamplesAreTheCoarseImagesUpsampled() {
    var rng = SeededGenerator(seed: 4)
    let lapgan = LAPGANRecipe().makeLAPGAN(using: &rng)
    let chain = lapgan.sample(count: 3, residuals: false, using: &rng)
    #expect(chain.residuals.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
    let blurred = LaplacianPyramid.upsample(LaplacianPyramid.upsample(chain.images[2], height: 14, width: 14), height: 28, width: 28)
    #expect(chain.samples.scalars == blurred.scalars)
  }

  /// Level k < K learns pairs (l_k, h_k) of real images with l_k + h_k = I_k; level K learns I_K.
  @Test func eachLevelLearnsTheRealPyramid() throws {
    let real = Self.images(5)
    let examples = LAPGANRecipe().trainingExamples(images: real)
    let gaussian = LaplacianPyramid.gaussian(real, levels: 2)
    for k in 0..<2 {
      let pairs = try #require(examples[k] as? ConditionalPairs)
      let side = gaussian[k].shape[2]
      #expect(pairs.conditions.shape == [5, side * side])
      let sum = pairs.conditions.reshaped(pairs.targets.shape) + pairs.targets
      let error = zip(sum.scalars, gaussian[k].scalars).map { abs($0 - $1) }.max()!
      #expect(error < 1e-6, "l_\(k) + h_\(k) = I_\(k)")
      #expect(pairs.conditions.scalars == LaplacianPyramid.upsample(gaussian[k + 1], height: side, width: side).scalars)
    }
    let coarsest = try #require(examples[2] as? Tensor)
    #expect(coarsest.scalars == gaussian[2].scalars)
  }

  @Test func aCCLAPGANPutsTheClassBeforeEveryCondition() throws {
    let real = Self.images(4)
    let labels = [3, 0, 9, 3]
    let examples = LAPGANRecipe(classes: 10).trainingExamples(images: real, labels: labels)
    for k in 0..<3 {
      let pairs = try #require(examples[k] as? ConditionalPairs)
      for (i, label) in labels.enumerated() {
        #expect((0..<10).map { pairs.conditions[i, $0] } == (0..<10).map { $0 == label ? 1 : 0 })
      }
    }
    var rng = SeededGenerator(seed: 5)
    let cc = LAPGANRecipe(classes: 10).makeLAPGAN(using: &rng)
    let chain = cc.sample(labels: labels, using: &rng)
    #expect(chain.samples.shape == [4, 1, 28, 28])
  }

  /// The levels train independently: a training step of one level, and its backward pass,
  /// change no parameter and leave no gradient in any other level.
  @Test func noGradientCrossesLevels() throws {
    var rng = SeededGenerator(seed: 6)
    let recipe = LAPGANRecipe()
    let lapgan = recipe.makeLAPGAN(using: &rng)
    let examples = recipe.trainingExamples(images: Self.images(16))
    for level in 0..<3 {
      let others = lapgan.levels.indices.filter { $0 != level }.flatMap { [lapgan.levels[$0].generator, lapgan.levels[$0].discriminator] as [any Layer] }
      let mine = [lapgan.levels[level].generator, lapgan.levels[level].discriminator] as [any Layer]
      let (othersBefore, mineBefore) = (Self.bits(others), Self.bits(mine))
      var training = recipe.training
      training.batchSize = 8
      var trainer = AdversarialTrainer(gan: lapgan.levels[level], training: training)
      _ = try trainer.trainEpoch(on: examples[level], using: &rng)
      #expect(Self.bits(others) == othersBefore, "training level \(level) changed another level")
      #expect(Self.bits(mine) != mineBefore, "training level \(level) changed it")
      #expect(others.allSatisfy { $0.parameters.allSatisfy { $0.gradient.map { $0.scalars.allSatisfy { $0 == 0 } } ?? true } })
    }
  }

  @Test func trainingEveryLevelRunsAndReportsEachLevel() throws {
    var rng = SeededGenerator(seed: 7)
    var recipe = LAPGANRecipe()
    recipe.training.batchSize = 16
    recipe.coarseTraining.batchSize = 16
    let lapgan = recipe.makeLAPGAN(using: &rng)
    var seen: [Int] = []
    try recipe.train(lapgan, on: recipe.trainingExamples(images: Self.images(32)), epochs: 1, using: &rng) { level, losses in
      #expect(losses.discriminator.isFinite)
      seen.append(level)
    }
    #expect(seen == [2, 2, 1, 1, 0, 0], "the coarsest level first, two batches each")
  }

  /// StackedPlanes is linear, so its backward pass must be its exact adjoint:
  /// ⟨S x, w⟩ = ⟨x, Sᵀ w⟩ for every x and w (a finite difference of a linear map is exact).
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func stackedPlanesBackwardIsTheAdjoint(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let (height, width) = (Int.random(in: 1...5, using: &rng), Int.random(in: 1...5, using: &rng))
    let segments: [StackedPlanes.Segment] = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
      Bool.random(using: &rng) ? .constants(Int.random(in: 1...3, using: &rng)) : .planes(Int.random(in: 1...2, using: &rng))
    }
    let layer = StackedPlanes(segments, height: height, width: width)
    let batch = Int.random(in: 1...3, using: &rng)
    let x = Variable(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: batch, columns: layer.inputColumns, using: &rng),
                     requiresGradient: true)
    let output = layer(x)
    #expect(output.shape == [batch, layer.channels, height, width])
    let w = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 1, columns: output.value.count, using: &rng).reshaped(output.shape)
    (output * Variable(w)).sum().backward()
    let left = zip(output.value.scalars, w.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let right = zip(x.value.scalars, x.gradient!.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(left - right) <= 1e-4 * max(1, abs(left)), "\(segments): ⟨Sx, w⟩ = \(left), ⟨x, Sᵀw⟩ = \(right)")
  }

  @Test func stackedPlanesSpreadsConstantsAndPassesPlanes() {
    // One row [z plane (2 × 2) | class 1 of 2 | l plane (2 × 2)].
    let layer = StackedPlanes([.planes(1), .constants(2), .planes(1)], height: 2, width: 2)
    let x = Variable(Tensor(rows: [[1, 2, 3, 4, 0, 1, 5, 6, 7, 8]]))
    #expect(layer(x).value.scalars == [1, 2, 3, 4, 0, 0, 0, 0, 1, 1, 1, 1, 5, 6, 7, 8])
  }
}
