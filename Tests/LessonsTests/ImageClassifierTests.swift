import Lessons
import Math
import Testing
import Workbook

@Suite struct ImageClassifierTests {
  static func data(train: Int, test: Int) -> (LabelledImages, LabelledImages)? {
    guard let t = try? FashionMNIST.load(.train), let v = try? FashionMNIST.load(.test) else { return nil }
    return (LabelledImages(images: t.tensor(at: 0..<train), labels: Array(t.labels[0..<train])),
            LabelledImages(images: v.tensor(at: 0..<test), labels: Array(v.labels[0..<test])))
  }

  /// Two epochs on 2,000 images classify held-out images far above chance; the control, the same
  /// training on labels shuffled among the images, stays near chance (10 %).
  @Test func aSmallTrainingLearnsTheClassesAndShuffledLabelsDoNot() throws {
    guard let (train, test) = Self.data(train: 2000, test: 1000) else {
      Issue.record("Fashion-MNIST is not installed (make setup installs dataset-fashion-mnist)")
      return
    }
    var rng = SeededGenerator(seed: 1)
    let recipe = ImageClassifierRecipe()
    let learned = try recipe.train(on: train, epochs: 2, using: &rng).accuracy(on: test)
    let shuffled = LabelledImages(images: train.images, labels: rng.permutation(train.rows).map { train.labels[$0] })
    let control = try recipe.train(on: shuffled, epochs: 2, using: &rng).accuracy(on: test)
    #expect(learned > 0.7, "accuracy \(learned)")
    #expect(control < 0.2, "accuracy with shuffled labels \(control)")
  }

  @Test func aRestoredClassifierPredictsAsTheSavedOne() throws {
    var rng = SeededGenerator(seed: 2)
    let images = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 8, columns: 784, using: &rng).reshaped([8, 1, 28, 28])
    let data = LabelledImages(images: images, labels: [0, 1, 2, 3, 4, 5, 6, 7])
    let trained = try ImageClassifierRecipe().train(on: data, epochs: 1, using: &rng)
    let (body, head) = ImageClassifierRecipe().makeNetwork(using: &rng)
    let fresh = ImageClassifier(body: body, head: head)
    #expect(fresh.features(images) != trained.features(images))
    #expect(fresh.restore(trained.state))
    #expect(fresh.features(images) == trained.features(images))
    var other = ImageClassifierRecipe()
    other.features = 16
    let (b, h) = other.makeNetwork(using: &rng)
    #expect(!ImageClassifier(body: b, head: h).restore(trained.state), "a state of another shape is refused")
  }
}

@Suite struct ClassifierProbabilityTests {
  @Test func probabilitiesSumToOneAndPickThePredictedClass() throws {
    var rng = SeededGenerator(seed: 4)
    let images = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 12, columns: 784, using: &rng).reshaped([12, 1, 28, 28])
    let classifier = try ImageClassifierRecipe().train(on: LabelledImages(images: images, labels: (0..<12).map { $0 % 10 }),
                                                       epochs: 2, using: &rng)
    let p = classifier.probabilities(images, batchSize: 5)
    let predicted = classifier.predictions(images)
    for i in 0..<12 {
      let row = (0..<10).map { p[i, $0] }
      #expect(abs(row.reduce(0, +) - 1) < 1e-5)
      #expect(row.indices.max { row[$0] < row[$1] } == predicted[i])
    }
  }

  @Test func aFixedConditionPutsTheClassInFrontAndPassesTheGradientToTheImage() {
    let y = Tensor(rows: [[0, 1, 0]])
    let layer = FixedCondition(y)
    let x = Variable(Tensor(shape: [2, 1, 1, 2], scalars: [5, 6, 7, 8]), requiresGradient: true)
    let out = layer(x)
    #expect(out.value == Tensor(rows: [[0, 1, 0, 5, 6], [0, 1, 0, 7, 8]]))
    (out * Variable(Tensor(rows: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]))).sum().backward()
    #expect(x.gradient == Tensor(shape: [2, 1, 1, 2], scalars: [4, 5, 9, 10]))
  }
}
