import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 7 — Conditional GANs on images
//:
//: The tutorial paper (§IV, after Mirza & Osindero 2014) conditions both players on extra
//: information y: "\mathbf{y} is given as input to both D and G as a condition", with the
//: objective min_G max_D E[log D(x|y)] + E[log(1 − D(G(z|y)))] (its Eq. 6). Its §VI trains a
//: conditional DCGAN (CDCGAN) on MNIST, whose output it calls "subjectively better than that of
//: DCGAN". Here y is the class of a Fashion-MNIST image: G draws an image of the class it is
//: asked for, and chapter 6's classifier checks that it did. The chapter ends with the image half
//: of the course slides' warning that "the fact that the discriminator get fooled does not mean
//: the fake is good (neural networks are easily fooled)".
//:
//: Run it with `make chapter-7` or `swift run -c release chapter-7 --quick` (3,000 images, one
//: epoch: it checks that everything runs; its bounds say what so little training can show).

let chapter = Chapter(
  number: 7, slug: "07-conditional-gans", title: "Conditional GANs on images",
  claims: [
    ClaimSpec(
      id: "CG-acc", statement: "A conditional DCGAN draws images of the class it is asked for",
      source: "Tutorial paper §IV and §VI (CLAIMS.md CG: samples classified as their requested class)",
      quantity: "median over seeds of the classifier's accuracy on samples against the requested classes",
      expected: .atLeast(0.8), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "CG-acc-control", statement: "Control: the same samples scored against other classes are at chance",
      source: "This chapter's control for CG", quantity: "median over seeds of the accuracy against the requested classes shuffled among the samples",
      expected: .below(0.2)),
    ClaimSpec(
      id: "CG-fd", statement: "Each class's samples are nearer to real images of that class than to real images of the others",
      source: "CLAIMS.md CG (Fréchet distance per class)",
      quantity: "median over seeds and classes of FD(samples of c, real c) ÷ the mean over c' ≠ c of FD(samples of c, real c')",
      expected: .below(1), quickExpected: .below(1.5)),
    ClaimSpec(
      id: "FD-img-fooled", statement: "Gradient ascent on D's input from noise makes D confident the image is real",
      source: "Course slides: \"the fact that the discriminator get fooled does not mean the fake is good\" (CLAIMS.md FD)",
      quantity: "share of 20 noise images (2 per class) with D(x | y) > 0.9 after at most 200 ascent steps",
      expected: .atLeast(0.9), quickExpected: .atLeast(0)),
    ClaimSpec(
      id: "FD-img-far", statement: "The images that fool D are far from every training image",
      source: "Course slides (CLAIMS.md FD: nearest-neighbour distance)",
      quantity: "median distance of the fooling images to their nearest training image ÷ that of held-out real images",
      expected: .above(1.5), quickExpected: .above(0)),
    ClaimSpec(
      id: "FD-img-class", statement: "The images that fool D are not images of the class D was asked about",
      source: "Course slides: \"does not mean the fake is good\" (CLAIMS.md FD: classifier confidence)",
      quantity: "share of the fooling images the classifier assigns to the class y they fooled D for",
      expected: .below(0.5), quickExpected: .atLeast(0)),
  ])
let run = chapter.start()
BatchWorkers.set(2)

//: ## The data, the instrument and the model
//:
//: The classifier is chapter 6's (`ImageClassifierRecipe`, read from `.build/workbook-cache`
//: when chapter 6 trained it, trained here otherwise). The conditional DCGAN is chapter 6's
//: DCGAN whose G reads [z | y], the noise beside the one-hot class, and whose D reads [y | x]
//: and turns y into one constant plane per class in front of the image (`StackedPlanes.classPlanes`), so that
//: every convolution sees the class:
//: {{code:StackedPlanes}}
let train = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.train) }
let test = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.test) }
let trainCount = run.budget(full: 60_000, quick: 3_000)
let trainImages = train.tensor(at: 0..<trainCount)
let trainLabels = Array(train.labels[0..<trainCount])

let classifierRecipe = ImageClassifierRecipe()
let classifierEpochs = run.budget(full: 4, quick: 1)
let classifierSeed: UInt64 = 2015
let (classifier, classifierTrainedNow) = run.cached(
  "fashion-classifier-\(trainCount)", epochs: classifierEpochs, restore: classifierRecipe.restored,
  fingerprint: classifierRecipe.fingerprint(epochs: classifierEpochs, seed: classifierSeed, data: "fashion-mnist train 0..<\(trainCount)")
) { onEpoch in
  var rng = SeededGenerator(seed: classifierSeed)
  let c = try classifierRecipe.train(on: LabelledImages(images: trainImages, labels: trainLabels),
                                     epochs: classifierEpochs, using: &rng, onEpoch: onEpoch)
  return (c, c.state)
}
run.note("classifier", classifierTrainedNow ? "trained in this run" : "read from .build/workbook-cache")

let recipe = ConditionalDCGANRecipe()
let epochs = run.epochs(full: 2, quick: 1)
let seeds: [UInt64] = run.budget(full: [1, 2, 3], quick: [1, 2])
let pairs = ConditionalPairs(conditions: recipe.oneHot(trainLabels), targets: trainImages)
var models: [ConditionalGAN] = []
for seed in seeds {
  var rng = run.generator("conditional DCGAN/seed \(seed)")
  let cgan = recipe.makeGAN(using: &rng)
  var trainer = AdversarialTrainer(gan: cgan.gan, training: recipe.training)
  let stepsPerEpoch = (trainCount + recipe.training.batchSize - 1) / recipe.training.batchSize
  let progress = run.progress("conditional DCGAN, seed \(seed)", total: epochs * stepsPerEpoch)
  run.attempt("the conditional DCGAN") {
    try trainer.train(on: pairs, epochs: epochs, using: &rng, onStep: { step, losses in
      progress.update(step, metrics: ["D loss": losses.discriminator])
    })
  }
  progress.finish()
  models.append(cgan)
}
run.note("epochs", epochs)
run.note("seeds", seeds.count)

//: ## One row per class
//:
//: Each row asks the seed-1 model for one class, with the same ten noise vectors in every row:
var sampleRng = run.generator("samples")
let shownNoise = models[0].noiseBatch(10, using: &sampleRng)
let rowsOfClasses = (0..<10).map { c in
  models[0].generate(conditions: recipe.oneHot(Array(repeating: c, count: 10)), noise: shownNoise)
}
var grid = Figure(title: "Conditional DCGAN, \(epochs) epoch\(epochs == 1 ? "" : "s"), seed 1: a row per class, a column per noise vector",
                  panelWidth: 900, panelHeight: 900)
grid[0].images(Tensor.concatenatingRows(rowsOfClasses), columns: 10,
               valueRange: -1...1, captions: (0..<10).flatMap { c in (0..<10).map { $0 == 0 ? FashionMNIST.classNames[c] : "" } })
run.save(grid, as: "classes.png")

//: ![One row per class](../../figures/chapter-07/classes.png)

//: ## Does G draw the class it is asked for? (CG)
//:
//: Each model draws {{fact:per class}} images of every class; the classifier (test accuracy
//: {{fact:classifier accuracy}} on real images) names the class it sees. The control scores the
//: same samples against the requested classes shuffled among them, which a model that ignored y
//: would match as often.
let perClass = run.budget(full: 500, quick: 100)
run.note("per class", perClass)
let testCount = run.budget(full: 10_000, quick: 1_000)
run.note("classifier accuracy", classifier.accuracy(on: LabelledImages(images: test.tensor(at: 0..<testCount), labels: Array(test.labels[0..<testCount]))))
let requested = (0..<10).flatMap { Array(repeating: $0, count: perClass) }
var evaluationRng = run.generator("evaluation")
let samples = models.map { $0.sample(conditions: recipe.oneHot(requested), using: &evaluationRng) }
let predicted = samples.map { classifier.predictions($0) }
func accuracy(_ p: [Int], _ labels: [Int]) -> Double { Double(zip(p, labels).filter { $0 == $1 }.count) / Double(labels.count) }
func median(_ x: [Double]) -> Double { Statistics.quantile(x, 0.5) }
let accuracies = predicted.map { accuracy($0, requested) }
let shuffled = predicted.map { p in accuracy(p, evaluationRng.permutation(requested.count).map { requested[$0] }) }
run.record("CG-acc", median(accuracies))
run.record("CG-acc-control", median(shuffled))
run.note("accuracy per seed", accuracies.map(NumberText.compact).joined(separator: ", "))

//: ## Fréchet distance per class (CG)
//:
//: For each class c, the Fréchet distance (in the classifier's features, {{fact:per class}}
//: images each side) between the samples asked for c and held-out real images of c, against the
//: mean of the distances between the same samples and real images of the nine other classes.
let testImages = test.tensor()
let realOfClass = (0..<10).map { c in
  classifier.features(testImages.gatheringRows(Array(test.labels.indices.filter { test.labels[$0] == c }.prefix(perClass))))
}
let fdRatios = samples.flatMap { s -> [Double] in
  let features = classifier.features(s)
  return (0..<10).map { c in
    let own = features.rows((c * perClass)..<((c + 1) * perClass))
    let same = frechetDistance(own, realOfClass[c])
    let others = (0..<10).filter { $0 != c }.map { frechetDistance(own, realOfClass[$0]) }
    return same / (others.reduce(0, +) / Double(others.count))
  }
}
run.record("CG-fd", median(fdRatios))

var classFigure = Figure(title: "Per requested class, one dot per seed", columns: 2, panelWidth: 640, panelHeight: 400)
let shortNames = FashionMNIST.classNames.map { String($0.split(separator: "/")[0].prefix(8)) }
let accuracyPerSeed = (0..<10).map { c in
  predicted.map { p in accuracy(Array(p[(c * perClass)..<((c + 1) * perClass)]), Array(repeating: c, count: perClass)) }
}
let ratioPerSeed = (0..<10).map { c in stride(from: c, to: fdRatios.count, by: 10).map { fdRatios[$0] } }
classFigure[0].title = "the classifier's accuracy against the requested class"
classFigure[0].yLabel = "accuracy"
classFigure[0].dotPlot((0..<10).map { (name: shortNames[$0], values: accuracyPerSeed[$0]) }, dotLabel: "one seed")
classFigure[0].horizontalLine(0.1, label: "chance", color: .gray)
classFigure[0].yRange = 0...1.3
classFigure[1].title = "FD to real images of the class ÷ mean FD to the others"
classFigure[1].yLabel = "ratio"
classFigure[1].dotPlot((0..<10).map { (name: shortNames[$0], values: ratioPerSeed[$0]) }, dotLabel: "one seed")
classFigure[1].horizontalLine(1, label: "no nearer to its class", color: .gray)
classFigure[1].yRange = 0...max(1.5, (fdRatios.max() ?? 1) * 1.4)
run.save(classFigure, as: "per-class.png")

//: ![Per class](../../figures/chapter-07/per-class.png)
//:
//: The classifier finds the requested class in a median {{value:CG-acc}} of the samples (per seed:
//: {{fact:accuracy per seed}}); against shuffled classes, {{value:CG-acc-control}}. A class's
//: samples are nearer to real images of that class than to the others': the median FD ratio is
//: {{value:CG-fd}}.

//: ## A fooled discriminator on images (FD)
//:
//: Start from uniform noise, ask D (seed 1) about class y, and climb log D(x | y) in image
//: space (`foolDiscriminator`: steps of η (1 − D) ∂a/∂x until D(x | y) > 0.9). Then ask how far
//: the result is from every training image, against held-out real images, and which class the
//: classifier sees.
let starts = 20
var foolRng = run.generator("fooling")
let noiseStarts = Distribution1D.uniform(low: -1, high: 1).tensor(rows: starts, columns: 784, using: &foolRng).reshaped([starts, 1, 28, 28])
let targetClasses = (0..<starts).map { $0 % 10 }
let maxSteps = 200
let fooled = (0..<starts).map { i -> (image: Tensor, d: Double) in
  let y = recipe.oneHot([targetClasses[i]])
  let d = Sequential([FixedCondition(y)] + models[0].discriminator.layers)
  let (points, _) = foolDiscriminator(d, from: noiseStarts.rows(i..<(i + 1)), stepSize: 0.05, maxSteps: maxSteps)
  return (points, sigmoid(Double(d.evaluate(points).scalar)))
}
let fooledImages = Tensor.concatenatingRows(fooled.map(\.image))
run.record("FD-img-fooled", Double(fooled.filter { $0.d > 0.9 }.count) / Double(starts))
let heldOut = test.tensor(at: 0..<1000)
let heldOutDistance = median(nearestNeighbours(of: heldOut, in: trainImages).map(\.distance))
let fooledDistance = median(nearestNeighbours(of: fooledImages, in: trainImages).map(\.distance))
run.record("FD-img-far", fooledDistance / heldOutDistance)
let fooledClasses = classifier.predictions(fooledImages)
run.record("FD-img-class", Double(zip(fooledClasses, targetClasses).filter { $0 == $1 }.count) / Double(starts))
run.note("fooled distance", fooledDistance)
run.note("held-out distance", heldOutDistance)
let confidence = classifier.probabilities(fooledImages)
run.note("classifier confidence", median((0..<starts).map { i in Double((0..<10).map { confidence[i, $0] }.max()!) }))

var foolFigure = Figure(title: "Noise climbed on log D(x | y), seed 1: class asked → class the classifier sees, and D",
                        panelWidth: 1000, panelHeight: 480)
foolFigure[0].images(fooledImages, count: 10, columns: 5, valueRange: -1...1,
                     captions: (0..<10).map { i in "\(shortNames[targetClasses[i]]) → \(shortNames[fooledClasses[i]]), D \(String(format: "%.2f", fooled[i].d))" })
run.save(foolFigure, as: "fooled.png")

//: ![Fooled](../../figures/chapter-07/fooled.png)
//:
//: D is confident for a share {{value:FD-img-fooled}} of the noise images it was climbed on; they
//: sit a median {{fact:fooled distance}} from the nearest training image, against
//: {{fact:held-out distance}} for new real images (ratio {{value:FD-img-far}}), and the
//: classifier sees the class D was asked about in a share {{value:FD-img-class}} of them (its
//: median confidence in whatever class it picks: {{fact:classifier confidence}}).
//:
//: ## Try it
//:
//: - Ask the seed-1 model for a class it draws badly (the lowest dot in the accuracy panel) with
//:   more epochs: `swift run -c release chapter-7 --epochs 5`.
//: - Climb D's output for a real image instead of noise: does it stay a real-looking image?
//: - `--export-samples samples.idx` writes the samples and, beside them, the requested classes.
run.exportSamples(samples[0], labels: requested)

run.finish()
