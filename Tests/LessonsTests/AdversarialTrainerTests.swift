import Lessons
import Math
import Testing

/// The one adversarial trainer: k, the divergence check, the conditional and the separate-pass
/// configurations, G's mode for the fakes, and the order of its random draws.
@Suite struct AdversarialTrainerTests {
  func training(k: Int = 1, batchSize: Int = 8, passes: DiscriminatorPasses = .stacked,
                fakesInTrainingMode: Bool = false) -> AdversarialTraining {
    AdversarialTraining(optimizer: .adam(learningRate: 0.01, beta1: 0.5), batchSize: batchSize, discriminatorSteps: k,
                        passes: passes, fakesInTrainingMode: fakesInTrainingMode, model: "the test GAN")
  }

  /// Algorithm 1: D steps at every iteration, G after every k-th, and only then.
  @Test(arguments: [1, 2, 5])
  func generatorStepsAfterEveryKthDiscriminatorStep(k: Int) throws {
    let gan = smallGAN(seed: 5)
    var rng = SeededGenerator(seed: 6)
    var trainer = AdversarialTrainer(gan: gan, training: training(k: k))
    var generatorSteps: [Int] = []
    for i in 1...20 {
      let (gBefore, dBefore) = (gan.generator.parameters.map(\.value), gan.discriminator.parameters.map(\.value))
      let losses = try trainer.train(on: pointBatch(using: &rng), using: &rng)
      let gMoved = gan.generator.parameters.map(\.value) != gBefore
      #expect(gMoved == (losses.generator != nil))
      #expect(gan.discriminator.parameters.map(\.value) != dBefore)
      if gMoved { generatorSteps.append(i) }
    }
    #expect(generatorSteps == Array(stride(from: k, through: 20, by: k)))
    #expect(trainer.step == 20)
  }

  /// A NaN in the data stops training at that step, naming D's loss and the model.
  @Test func aDivergingDiscriminatorIsNamed() throws {
    var rng = SeededGenerator(seed: 7)
    var trainer = AdversarialTrainer(gan: smallGAN(seed: 8), training: training())
    for _ in 1...2 { _ = try trainer.train(on: pointBatch(using: &rng), using: &rng) }
    var poisoned = pointBatch(using: &rng)
    poisoned[1, 1] = .nan
    let error = #expect(throws: TrainingDiverged.self) { try trainer.train(on: poisoned, using: &rng) }
    #expect(error?.description == "the discriminator's loss is NaN at step 3 of the test GAN")
  }

  /// A generator that breaks only in training mode passes the discriminator step (its fakes are
  /// made in evaluation mode) and is named at the first generator step, the k-th iteration.
  @Test func aDivergingGeneratorIsNamed() throws {
    var rng = SeededGenerator(seed: 9)
    let gan = GAN(generator: Sequential(Sequential.perceptron([2, 8, 2], using: &rng).layers + [NaNWhenTraining()]),
                  discriminator: .perceptron([2, 8, 1], using: &rng), noiseDimension: 2)
    var trainer = AdversarialTrainer(gan: gan, training: training(k: 2))
    _ = try trainer.train(on: pointBatch(using: &rng), using: &rng)
    let error = #expect(throws: TrainingDiverged.self) { try trainer.train(on: pointBatch(using: &rng), using: &rng) }
    #expect(error?.description == "the generator's loss is NaN at step 2 of the test GAN")
  }

  /// On conditional pairs, G reads [z | y] (the fakes' and the generator step's noise, in that
  /// order) and D reads [y | x] and [y | G(z, y)], stacked.
  @Test func conditionalPairsShowBothNetworksTheCondition() throws {
    var rng = SeededGenerator(seed: 10)
    let (gRecorder, dRecorder) = (Recorder(), Recorder())
    let gan = GAN(generator: Sequential([gRecorder as any Layer] + Sequential.perceptron([3, 8, 1], using: &rng).layers),
                  discriminator: Sequential([dRecorder as any Layer] + Sequential.perceptron([2, 8, 1], using: &rng).layers),
                  noiseDimension: 2)
    let (y, x) = (Tensor(column: [0.1, -0.5, 0.9, 0.3]), Tensor(column: [1, -1, 2, 0]))
    var trainer = AdversarialTrainer(gan: gan, training: training(batchSize: 4))
    var draws = rng
    let (z1, z2) = (gan.noiseBatch(4, using: &draws), gan.noiseBatch(4, using: &draws))
    _ = try trainer.train(on: ConditionalPairs(conditions: y, targets: x), using: &rng)
    #expect(gRecorder.calls.map(\.input) == [Tensor.concatenatingColumns([z1, y]), Tensor.concatenatingColumns([z2, y])])
    #expect(dRecorder.calls.count == 2)
    let stacked = dRecorder.calls[0].input
    #expect(stacked.columns(0..<1) == Tensor.concatenatingRows([y, y]))
    #expect(stacked.rows(0..<4).columns(1..<2) == x)
    #expect(dRecorder.calls[1].input.columns(0..<1) == y)
  }

  /// Separate passes show D the real batch alone, then the fake batch alone; stacked, one batch
  /// of both. Minibatches drawn with replacement come first from the stream.
  @Test(arguments: [DiscriminatorPasses.stacked, .separate])
  func passesAreTheTrainingsChoice(passes: DiscriminatorPasses) throws {
    var rng = SeededGenerator(seed: 11)
    let recorder = Recorder()
    let gan = GAN(generator: .perceptron([2, 8, 2], using: &rng),
                  discriminator: Sequential([recorder as any Layer] + Sequential.perceptron([2, 8, 1], using: &rng).layers),
                  noiseDimension: 2)
    let data = pointBatch(30, using: &rng)
    var draws = rng
    let real = minibatch(drawnFrom: data, size: 6, using: &draws)
    var trainer = AdversarialTrainer(gan: gan, training: training(batchSize: 6, passes: passes))
    var steps: [Int] = []
    try trainer.train(drawingFrom: data, steps: 1, using: &rng) { step, _ in steps.append(step) }
    #expect(steps == [1])
    let shown = recorder.calls.dropLast().map(\.input)  // the last call is the generator step's
    #expect(shown.map(\.rows) == (passes == .stacked ? [12] : [6, 6]))
    #expect(shown[0].rows(0..<6) == real)
  }

  /// G makes the discriminator step's fakes in the mode the training asks for; the generator
  /// step always trains it.
  @Test(arguments: [false, true])
  func fakesAreMadeInTheRequestedMode(trainingMode: Bool) throws {
    var rng = SeededGenerator(seed: 12)
    let recorder = Recorder()
    let gan = GAN(generator: Sequential([recorder as any Layer] + Sequential.perceptron([2, 8, 2], using: &rng).layers),
                  discriminator: .perceptron([2, 8, 1], using: &rng), noiseDimension: 2)
    var trainer = AdversarialTrainer(gan: gan, training: training(fakesInTrainingMode: trainingMode))
    _ = try trainer.train(on: pointBatch(using: &rng), using: &rng)
    #expect(recorder.calls.map(\.training) == [trainingMode, true])
  }

  /// An epoch returns the mean of its iterations' losses, G's over the iterations that trained
  /// it, and draws its order before its first iteration.
  @Test func anEpochReportsItsMeanLosses() throws {
    var rng = SeededGenerator(seed: 13)
    let data = pointBatch(30, using: &rng)
    var trainer = AdversarialTrainer(gan: smallGAN(seed: 14), training: training(k: 2))
    var seen: [StepLosses] = []
    let mean = try trainer.trainEpoch(on: data, using: &rng) { seen.append($0) }
    #expect(seen.count == 4)
    let g = seen.compactMap(\.generator)
    #expect(g.count == 2)
    #expect(mean == StepLosses(discriminator: seen.map(\.discriminator).reduce(0, +) / 4, generator: g.reduce(0, +) / 2))
  }

  /// Training for epochs numbers its iterations across the epochs, and each epoch's report is
  /// the mean of that epoch's iterations, as `trainEpoch` gives it.
  @Test func epochsNumberTheirStepsAcrossEpochs() throws {
    var rng = SeededGenerator(seed: 13)
    let data = pointBatch(30, using: &rng)
    var trainer = AdversarialTrainer(gan: smallGAN(seed: 14), training: training())
    var (steps, epochs) = ([(Int, StepLosses)](), [(Int, StepLosses)]())
    try trainer.train(on: data, epochs: 3, using: &rng, onEpoch: { epochs.append(($0, $1)) },
                      onStep: { steps.append(($0, $1)) })
    #expect(steps.map(\.0) == Array(1...12), "4 minibatches of 8 (the last of 6) in each of 3 epochs")
    #expect(epochs.map(\.0) == [1, 2, 3])
    for (e, epoch) in epochs.enumerated() {
      let own = steps[(4 * e)..<(4 * e + 4)].map(\.1.discriminator)
      #expect(abs(epoch.1.discriminator - own.reduce(0, +) / 4) < 1e-12)
    }
  }

  /// The trainer draws from the stream in Algorithm 1's order — the minibatch, D's noise, then
  /// G's noise when it steps — and so trains bit for bit as the two steps called by hand in that
  /// order (plain data in epochs with k = 2 and dropout in D; conditional pairs; minibatches drawn
  /// with replacement, separate passes).
  @Test func trainerMatchesAlgorithm1ByHand() throws {
    func makeGAN(conditionWidth: Int) -> GAN {
      var rng = SeededGenerator(seed: 15)
      return GAN(generator: .perceptron([2 + conditionWidth, 8, 2], using: &rng),
                 discriminator: .perceptron([2 + conditionWidth, 16, 1], dropout: 0.3, using: &rng),
                 noise: .uniform(low: -1, high: 1), noiseDimension: 2)
    }
    var dataRng = SeededGenerator(seed: 17)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 20, columns: 2, using: &dataRng)
    let conditions = Tensor(column: (0..<20).map { Double($0 % 3) })
    for (name, k, passes, conditionWidth, drawn) in [("epochs", 2, DiscriminatorPasses.stacked, 0, false),
                                                      ("conditional", 1, .stacked, 1, false),
                                                      ("drawn", 1, .separate, 0, true)] {
      let settings = training(k: k, batchSize: 6, passes: passes)
      let examples = ConditionalPairs(conditions: conditions, targets: data)
      let (trained, byHand) = (makeGAN(conditionWidth: conditionWidth), makeGAN(conditionWidth: conditionWidth))
      var (rng, handRng) = (SeededGenerator(seed: 16), SeededGenerator(seed: 16))

      var trainer = AdversarialTrainer(gan: trained, training: settings)
      switch (drawn, conditionWidth) {
      case (true, _): try trainer.train(drawingFrom: data, steps: 8, using: &rng)
      case (false, 0): try trainer.train(on: data, epochs: 2, using: &rng)
      default: try trainer.train(on: examples, epochs: 2, using: &rng)
      }

      var dOptimizer = settings.optimizer.makeOptimizer(for: byHand.discriminator.parameters)
      var gOptimizer = settings.optimizer.makeOptimizer(for: byHand.generator.parameters)
      var order: [Int] = []
      for iteration in 1...8 {
        if drawn {
          order = (0..<6).map { _ in Int.random(in: 0..<20, using: &handRng) }
        } else if iteration % 4 == 1 {
          order = handRng.permutation(20)  // an epoch: batches of 6, 6, 6 and 2
        }
        let rows = drawn ? order : Array(order[((iteration - 1) % 4 * 6)..<min((iteration - 1) % 4 * 6 + 6, 20)])
        let (x, y) = (data.gatheringRows(rows), conditionWidth == 0 ? nil : conditions.gatheringRows(rows))
        let fake = byHand.generate(byHand.noiseBatch(rows.count, using: &handRng), conditions: y)
        discriminatorStep(byHand.discriminator, optimizer: &dOptimizer,
                          real: y.map { Tensor.concatenatingColumns([$0, x]) } ?? x,
                          fake: y.map { Tensor.concatenatingColumns([$0, fake]) } ?? fake, passes: passes)
        if iteration % k == 0 {
          generatorStep(byHand, optimizer: &gOptimizer, noise: byHand.noiseBatch(rows.count, using: &handRng),
                        conditions: y, cost: .nonSaturating)
        }
      }
      let (ours, theirs) = (trained.generator.parameters + trained.discriminator.parameters,
                            byHand.generator.parameters + byHand.discriminator.parameters)
      #expect(checksum(ours) == checksum(theirs), "\(name)")
      #expect(rng.next() == handRng.next(), "\(name)")
    }
  }
}
