import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 6 — GANs on images: the MLP GAN and the DCGAN
//:
//: The texts show GANs on images: the course notes print samples of Goodfellow et al.'s GAN
//: beside "the nearest neighbour training example of the sample displayed in the second
//: rightmost column, to demonstrate that the model did not simply memorize the training set",
//: and the tutorial paper (§V.A) trains a DCGAN, which "takes as input random noise sampled from
//: a distribution … and then projects and reshapes the samples into pixels", until "over several
//: epochs of training they start resembling the data". This chapter trains both on
//: Fashion-MNIST, the drop-in replacement for MNIST, and measures what the texts show by eye:
//: how good the samples are (in the features of a classifier the workbook trains, and by a
//: judge that tries to tell them from real images), and whether they are copies.
//:
//: Run it with `make chapter-6` or `swift run -c release chapter-6 --quick`. The quick run
//: trains on 3,000 images for one epoch: it checks that everything runs, and its bounds say
//: only what one epoch on so few images can show.

let chapter = Chapter(
  number: 6, slug: "06-gans-on-images", title: "GANs on images: the MLP GAN and the DCGAN",
  claims: [
    ClaimSpec(
      id: "IC-acc", statement: "The workbook's Fashion-MNIST classifier, this chapter's instrument, classifies held-out images",
      source: "Instrument (issue: a classifier with test accuracy ≥ 90 %)",
      quantity: "accuracy on the Fashion-MNIST test images", expected: .atLeast(0.9), quickExpected: .above(0.5)),
    ClaimSpec(
      id: "G9-copy", statement: "The DCGAN's samples are not copies of training images",
      source: "Course notes, \"Some sampling results\"; Goodfellow et al. 2014, Figs. 2–3 (CLAIMS.md G9)",
      quantity: "median over seeds of the share of samples identical to a training image", expected: .atMost(0)),
    ClaimSpec(
      id: "G9-copy-control", statement: "Control: a generator that returns training images is caught as a copier",
      source: "This chapter's control for G9", quantity: "share of its samples identical to a training image",
      expected: .atLeast(0.99)),
    ClaimSpec(
      id: "G9-near", statement: "The DCGAN's samples are not training images with noise added",
      source: "Goodfellow et al. 2014, Figs. 2–3 (CLAIMS.md G9: samples against held-out real images)",
      quantity: "median over seeds of the structure ratio: the median share of a sample's distance to its nearest training image left by a 3 × 3 median filter, ÷ the same median for held-out images (1: like new real images; noisy copies lower)",
      expected: .atLeast(0.9), quickExpected: .atLeast(0.8)),
    ClaimSpec(
      id: "G9-near-noisy", statement: "Control: training images with pixel noise (σ = 25 grey levels) are caught by the median-filter test",
      source: "This chapter's control for G9", quantity: "the structure ratio of such samples",
      expected: .below(0.9)),
    ClaimSpec(
      id: "G9-near-noisy-plain", statement: "Without blurring, the same noisy copies pass a distance-percentile test",
      source: "Why G9 blurs: the issue's caveat", quantity: "share of the noisy copies nearer (not blurred) than the closest 1 % of held-out images",
      expected: .below(0.05)),
    ClaimSpec(
      id: "G9-smooth", statement: "Walking a straight line between two latent vectors changes the DCGAN's image smoothly",
      source: "Goodfellow et al. 2014, Fig. 3 (linear interpolation in z); CLAIMS.md G9",
      quantity: "median over 12 paths of 10 steps of the largest step ÷ the mean step (1: even steps)",
      expected: .below(2), quickExpected: .below(3)),
    ClaimSpec(
      id: "G9-smooth-control", statement: "Control: the same paths replaced by their nearest training images jump",
      source: "This chapter's control for G9-smooth", quantity: "median of the same ratio for the paths of nearest training images",
      expected: .above(2)),
    ClaimSpec(
      id: "DC-fd", statement: "The DCGAN's samples are closer to real images than the MLP GAN's",
      source: "Tutorial paper §V.A; Radford et al. 2015 (CLAIMS.md DC)",
      quantity: "median over seeds of FD(DCGAN) ÷ FD(MLP GAN), Fréchet distances to held-out images in the classifier's features",
      expected: .below(1), quickExpected: .above(0)),
    ClaimSpec(
      id: "DC-mean", statement: "The DCGAN beats a trivial baseline: the mean training image",
      source: "This chapter's control for DC", quantity: "median over seeds of FD(DCGAN) ÷ FD(the mean image repeated)",
      expected: .below(1), quickExpected: .above(0)),
    ClaimSpec(
      id: "DC-judged", statement: "A judge takes more of the DCGAN's samples than of the MLP GAN's for real",
      source: "CLAIMS.md DC (the judged-real rate)", quantity: "median over seeds of the judged-real rate, DCGAN − MLP GAN",
      expected: .above(0), quickExpected: .between(-1, 1)),
    ClaimSpec(
      id: "PZ-theis", statement: "A Parzen window on k-means centres of training images scores a higher log-likelihood than one on as many real images",
      source: "Theis, van den Oord & Bethge 2015, §3.2 (the caveat to Goodfellow et al.'s Parzen estimates)",
      quantity: "mean test log-likelihood (nats per image), k-means centres − real training images, each with its σ chosen on validation images",
      expected: .above(0)),
  ])
let run = chapter.start()
// Both cores share each batch: the image models train one at a time.
BatchWorkers.set(2)

//: ## The data and the instrument
//:
//: Fashion-MNIST holds 60,000 training and 10,000 test images of 28 × 28 grey pixels in ten
//: classes of clothing, scaled here to [−1, 1] for a tanh output. Judging a generated image by
//: eye does not scale, so the chapter first trains a classifier of the ten classes (two strided
//: convolutions with batch normalisation, then 128 hidden units: `ImageClassifierRecipe`) and
//: keeps it under `.build/workbook-cache`, retrained only when its recipe, seed or data change.
//: Its 128 penultimate features are the space in which sets of images are compared.
let train = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.train) }
let test = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.test) }
let trainCount = run.budget(full: 60_000, quick: 3_000)
let trainImages = train.tensor(at: 0..<trainCount)
let compared = run.budget(full: 2_000, quick: 400)
let heldOut = test.tensor(at: 0..<compared)
let moreHeldOut = test.tensor(at: compared..<(2 * compared))

let classifierRecipe = ImageClassifierRecipe()
let classifierEpochs = run.budget(full: 4, quick: 1)
let classifierSeed: UInt64 = 2015
let (classifier, classifierTrainedNow) = run.cached(
  "fashion-classifier-\(trainCount)", epochs: classifierEpochs, restore: classifierRecipe.restored,
  fingerprint: classifierRecipe.fingerprint(epochs: classifierEpochs, seed: classifierSeed, data: "fashion-mnist train 0..<\(trainCount)")
) { onEpoch in
  var rng = SeededGenerator(seed: classifierSeed)
  let c = try classifierRecipe.train(on: LabelledImages(images: trainImages, labels: Array(train.labels[0..<trainCount])),
                                     epochs: classifierEpochs, using: &rng, onEpoch: onEpoch)
  return (c, c.state)
}
let testCount = run.budget(full: 10_000, quick: 1_000)
let accuracy = classifier.accuracy(on: LabelledImages(images: test.tensor(at: 0..<testCount), labels: Array(test.labels[0..<testCount])))
run.record("IC-acc", accuracy)
run.note("classifier", classifierTrainedNow ? "trained in this run" : "read from .build/workbook-cache")

//: ## Two GANs
//:
//: The MLP GAN follows Goodfellow et al.'s MNIST model (`MLPImageGANRecipe`: two hidden layers of
//: 1,200 units in each network, leaky ReLU where they used maxout); the DCGAN follows Radford
//: et al.'s guidelines adapted to 28 × 28 (`DCGANRecipe`: strided convolutions, batch
//: normalisation, ReLU in G with a tanh output, leaky ReLU in D, Adam 2·10⁻⁴ with β₁ = 0.5).
//: Both train for the same number of epochs with the same trainer, Algorithm 1; the DCGAN's
//: generator step reuses the discriminator step's samples, as Radford et al.'s code does.
let epochs = run.epochs(full: 2, quick: 1)
let seeds: [UInt64] = run.budget(full: [1, 2, 3], quick: [1, 2])
let fixedNoise = { var rng = run.generator("fixed noise"); return Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 32, columns: 100, using: &rng) }()

let snapshotEvery = run.budget(full: 125, quick: 10)

struct Trained {
  let gan: GAN
  /// G's images of 32 fixed noise vectors every `snapshotEvery` steps, with the step.
  let snapshots: [(step: Int, images: Tensor)]
}

@MainActor func trainGAN(_ gan: GAN, training: AdversarialTraining, name: String, seed: UInt64) throws -> Trained {
  var rng = run.generator("\(name)/seed \(seed)")
  var trainer = AdversarialTrainer(gan: gan, training: training)
  let stepsPerEpoch = (trainCount + training.batchSize - 1) / training.batchSize
  let progress = run.progress("\(name), seed \(seed)", total: epochs * stepsPerEpoch)
  let noise = fixedNoise.columns(0..<gan.noiseDimension)
  var snapshots = [(step: 0, images: gan.generate(noise))]
  var step = 0
  for _ in 0..<epochs {
    try trainer.trainEpoch(on: trainImages, using: &rng) { losses in
      step += 1
      progress.update(step, metrics: ["D loss": losses.discriminator])
      if step % snapshotEvery == 0 { snapshots.append((step, gan.generate(noise))) }
    }
  }
  progress.finish()
  if snapshots.last?.step != step { snapshots.append((step, gan.generate(noise))) }
  return Trained(gan: gan, snapshots: snapshots)
}

let mlpRecipe = MLPImageGANRecipe()
let dcganRecipe = DCGANRecipe()
var mlpRuns: [Trained] = []
var dcganRuns: [Trained] = []
for seed in seeds {
  var rng = run.generator("networks/seed \(seed)")
  mlpRuns.append(run.attempt("the MLP GAN") { try trainGAN(mlpRecipe.makeGAN(using: &rng), training: mlpRecipe.training, name: "MLP GAN", seed: seed) })
  dcganRuns.append(run.attempt("the DCGAN") { try trainGAN(dcganRecipe.makeGAN(using: &rng), training: dcganRecipe.training, name: "DCGAN", seed: seed) })
}

//: ## What the samples look like
//:
//: Below, real images beside each GAN's images of the same 32 noise vectors after {{fact:epochs}}
//: epochs (seed 1); the animation shows the DCGAN's images of those vectors over training.
func grid(_ images: Tensor, count: Int = 32) -> [[Float]] {
  (0..<min(count, images.rows)).map { images.rows($0..<($0 + 1)).scalars }
}
var samplesFigure = Figure(title: "Fashion-MNIST and the two GANs' samples after \(epochs) epoch\(epochs == 1 ? "" : "s") (seed 1)",
                           columns: 3, panelWidth: 560, panelHeight: 330)
samplesFigure[0].title = "real (test images)"
samplesFigure[0].images(grid(heldOut), width: 28, height: 28, columns: 8, valueRange: -1...1)
samplesFigure[1].title = "MLP GAN (Goodfellow et al.)"
samplesFigure[1].images(grid(mlpRuns[0].snapshots.last!.images), width: 28, height: 28, columns: 8, valueRange: -1...1)
samplesFigure[2].title = "DCGAN (Radford et al.)"
samplesFigure[2].images(grid(dcganRuns[0].snapshots.last!.images), width: 28, height: 28, columns: 8, valueRange: -1...1)
run.save(samplesFigure, as: "samples.png")
run.note("epochs", epochs)

var training = AnimatedGIF(delayCentiseconds: 40)
for snapshot in dcganRuns[0].snapshots {
  var frame = Figure(title: "DCGAN, step \(snapshot.step) of \(dcganRuns[0].snapshots.last!.step)", panelWidth: 560, panelHeight: 330)
  frame[0].images(grid(snapshot.images), width: 28, height: 28, columns: 8, valueRange: -1...1)
  training.append(frame)
}
run.save(training, as: "training.gif")

//: ![Samples](../../figures/chapter-06/samples.png)
//:
//: ![Training](../../figures/chapter-06/training.gif)

//: ## Are they copies? (G9)
//:
//: For each sample the nearest of the {{fact:training images}} training images, found exactly
//: through one matrix product per block (`nearestNeighbours`), and the same for
//: {{fact:compared}} held-out test images, which no model saw. A memorising generator shows up
//: twice: its samples are identical to training images, or — if it adds a little noise — they
//: differ from a training image by noise alone. Pixel noise of σ = 25 grey levels puts a copy
//: about as far from its original as a new image is from its nearest neighbour, so a distance
//: test lets it through; but a 3 × 3 median filter removes most of such noise and little of an
//: image's shapes. So the second test asks how much of the distance between a sample and its
//: nearest training image survives median filtering both, and compares the median of that share
//: with the median for held-out images: the structure ratio (`MemorisationCheck`). Two controls
//: run both tests on a copying generator and a noisy copying one.
run.note("training images", trainCount)
run.note("compared", compared)
let memorisation = MemorisationCheck(training: trainImages, heldOut: heldOut)
var evaluationRng = run.generator("evaluation")
let dcganSamples = dcganRuns.map { $0.gan.sample(compared, using: &evaluationRng) }
let mlpSamples = mlpRuns.map { $0.gan.sample(compared, using: &evaluationRng) }
let dcganFindings = dcganSamples.map(memorisation.check)
let copier = trainImages.gatheringRows(evaluationRng.permutation(trainCount).prefix(compared).map { $0 })
let noise25 = Distribution1D.normal(mean: 0, sd: 25 / 127.5).tensor(rows: compared, columns: 784, using: &evaluationRng)
let noisyCopier = Tensor(shape: copier.shape, scalars: zip(copier.scalars, noise25.scalars).map { min(1, max(-1, $0 + $1)) })
let copierFinding = memorisation.check(copier)
let noisyFinding = memorisation.check(noisyCopier)
func median(_ x: [Double]) -> Double { Statistics.quantile(x, 0.5) }
func spread(_ x: [Double]) -> String { "\(NumberText.compact(x.min()!))–\(NumberText.compact(x.max()!))" }
run.record("G9-copy", median(dcganFindings.map(\.copies)))
run.record("G9-copy-control", copierFinding.copies)
run.record("G9-near", median(dcganFindings.map(\.structure)))
run.record("G9-near-noisy", noisyFinding.structure)
run.record("G9-near-noisy-plain", noisyFinding.tooClosePlain)
run.note("structure, per seed", dcganFindings.map { NumberText.compact($0.structure) }.joined(separator: ", "))
run.note("held-out distance median", median(memorisation.heldOutPlain))
run.note("sample distance median", median(dcganFindings[0].nearest.map(\.distance)))

var neighbours = Figure(title: "DCGAN samples (seed 1), and below each its nearest training image and their distance",
                        panelWidth: 1000, panelHeight: 300)
let shownPairs = 10
var pairCells: [[Float]] = []
var pairCaptions: [String] = []
for i in 0..<shownPairs { pairCells.append(grid(dcganSamples[0].rows(i..<(i + 1)), count: 1)[0]); pairCaptions.append("sample") }
for i in 0..<shownPairs {
  let n = dcganFindings[0].nearest[i]
  pairCells.append(trainImages.rows(n.index..<(n.index + 1)).scalars)
  pairCaptions.append(String(format: "%.1f", n.distance))
}
neighbours[0].images(pairCells, width: 28, height: 28, columns: shownPairs, valueRange: -1...1, captions: pairCaptions)
run.save(neighbours, as: "nearest-neighbours.png")

/// The share of `values` at or below each value: an empirical distribution function.
func cumulative(_ values: [Double]) -> (xs: [Double], ys: [Double]) {
  let sorted = values.sorted()
  return (sorted, sorted.indices.map { Double($0 + 1) / Double(sorted.count) })
}
var distances = Figure(title: "Each image against its nearest training image (\(compared) images of each kind)",
                       columns: 2, panelWidth: 560, panelHeight: 400)
distances[0].title = "distance"
distances[0].xLabel = "distance in [−1, 1] pixel units"
distances[0].yLabel = "share of images at most this far"
distances[1].title = "share of the distance left after a 3 × 3 median filter"
distances[1].xLabel = "‖median(x) − median(n)‖ / ‖x − n‖"
distances[1].yLabel = "share of images at most this"
for (name, finding) in [("held-out real", nil), ("DCGAN, seed 1", dcganFindings[0]),
                        ("noisy copies (σ = 25)", noisyFinding)] as [(String, MemorisationCheck.Finding?)] {
  let plain = finding.map { $0.nearest.map(\.distance) } ?? memorisation.heldOutPlain
  let filtered = finding?.filteredShares ?? memorisation.heldOutFilteredShare
  let (px, py) = cumulative(plain)
  distances[0].line(px, py, label: name)
  let (fx, fy) = cumulative(filtered)
  distances[1].line(fx, fy, label: name)
}
distances[0].verticalLine(Statistics.quantile(memorisation.heldOutPlain, 0.01), label: "1 % of held-out images", color: .gray)
distances[0].legendPosition = .bottomRight
distances[1].legendPosition = .bottomRight
run.save(distances, as: "distances.png")

//: ![Nearest neighbours](../../figures/chapter-06/nearest-neighbours.png)
//:
//: ![Distances](../../figures/chapter-06/distances.png)
//:
//: No DCGAN sample equals a training image (median share {{value:G9-copy}}), and the samples
//: differ from their nearest training images as new real images do: a structure ratio of
//: {{value:G9-near}} (per seed: {{fact:structure, per seed}}). The copying generator is caught by
//: the first test (the share of its samples that are copies: {{value:G9-copy-control}}), the noisy
//: one by the second (structure ratio {{value:G9-near-noisy}}), and a plain distance percentile
//: lets it through: the share of its samples nearer than the closest 1 % of held-out images is
//: {{value:G9-near-noisy-plain}}. Samples sit a median distance of
//: {{fact:sample distance median}} from the training set; held-out images {{fact:held-out distance median}}.

//: ## Walking in the latent space (G9)
//:
//: Goodfellow et al.'s Fig. 3 interpolates linearly between two noise vectors: a model that had
//: memorised its data would jump from one stored image to the next. Each path below has 10 steps;
//: its unevenness is the largest step between consecutive images divided by the mean step (1 when
//: all steps are equal). The control replaces every image of a path by its nearest training image
//: (paths whose two ends have the same nearest training image are skipped, for they never move).
let paths = 12
let pathSteps = 10
var pathRng = run.generator("paths")
let dcgan = dcganRuns[0].gan
var pathImages: [Tensor] = []
for _ in 0..<paths {
  let ends = dcgan.noiseBatch(2, using: &pathRng)
  let z = Tensor(rows: (0..<pathSteps).map { t in
    let a = Float(t) / Float(pathSteps - 1)
    return (0..<ends.columns).map { (1 - a) * ends[0, $0] + a * ends[1, $0] }
  })
  pathImages.append(dcgan.generate(z))
}
let unevenPaths = pathImages.map(unevenness(ofPath:))
let snappedPaths = pathImages.compactMap { path -> Double? in
  let indices = nearestNeighbours(of: path, in: trainImages).map(\.index)
  return indices.first == indices.last ? nil : unevenness(ofPath: trainImages.gatheringRows(indices))
}
run.note("paths compared in the control", snappedPaths.count)
run.record("G9-smooth", median(unevenPaths))
run.record("G9-smooth-control", median(snappedPaths))
var walk = Figure(title: "Straight lines in z (DCGAN, seed 1): 4 of \(paths) paths of \(pathSteps) steps", panelWidth: 900, panelHeight: 420)
walk[0].images((0..<4).flatMap { grid(pathImages[$0], count: pathSteps) }, width: 28, height: 28, columns: pathSteps, valueRange: -1...1)
run.save(walk, as: "interpolation.png")

//: ![Interpolation](../../figures/chapter-06/interpolation.png)
//:
//: The DCGAN's paths have a median unevenness of {{value:G9-smooth}}; their nearest training
//: images jump ({{value:G9-smooth-control}}).

//: ## How good are the samples? (DC)
//:
//: Two measures, each with its baselines at the same number of images ({{fact:compared}}):
//: the Fréchet distance between Gaussians fitted to the classifier's features of the samples and
//: of held-out images (the idea of FID, with a Fashion-MNIST classifier in place of an ImageNet
//: network; the figure depends on the number of images, so only equal numbers are compared), and
//: the judged-real rate: the share of samples that a judge, trained on half of the held-out
//: images against half of the samples, takes for real among the halves it did not see
//: (`JudgedRealRate`; the same share of unseen real images is its control).
let heldOutFeatures = classifier.features(heldOut)
@MainActor func fd(_ images: Tensor) -> Double { frechetDistance(classifier.features(images), heldOutFeatures) }
let meanImage = Tensor(shape: [1, 1, 28, 28], scalars: (0..<784).map { j in
  (0..<trainCount).reduce(Float(0)) { $0 + trainImages.scalars[$1 * 784 + j] } / Float(trainCount)
})
let meanImages = Tensor.concatenatingRows(Array(repeating: meanImage, count: compared))
let uniformNoise = Distribution1D.uniform(low: -1, high: 1).tensor(rows: compared, columns: 784, using: &evaluationRng).reshaped([compared, 1, 28, 28])
let fdReal = fd(moreHeldOut)
let fdMean = fd(meanImages)
let fdNoise = fd(uniformNoise)
let fdDCGAN = dcganSamples.map(fd)
let fdMLP = mlpSamples.map(fd)
run.record("DC-fd", median(zip(fdDCGAN, fdMLP).map { $0 / $1 }))
run.record("DC-mean", median(fdDCGAN.map { $0 / fdMean }))

let judgeEpochs = run.budget(full: 3, quick: 1)
var judgeRng = run.generator("judges")
let judgedReal = run.attempt("the judge of real images") { try JudgedRealRate.measure(real: heldOut, samples: moreHeldOut, epochs: judgeEpochs, using: &judgeRng) }
let judgedDCGAN = dcganSamples.map { s in run.attempt("a judge") { try JudgedRealRate.measure(real: heldOut, samples: s, epochs: judgeEpochs, using: &judgeRng) } }
let judgedMLP = mlpSamples.map { s in run.attempt("a judge") { try JudgedRealRate.measure(real: heldOut, samples: s, epochs: judgeEpochs, using: &judgeRng) } }
run.record("DC-judged", median(zip(judgedDCGAN, judgedMLP).map { $0.samples - $1.samples }))
for (name, value) in [("FD real", fdReal), ("FD mean image", fdMean), ("FD noise", fdNoise)] { run.note(name, value) }
run.note("FD DCGAN", "\(NumberText.compact(median(fdDCGAN))) (\(spread(fdDCGAN)))")
run.note("FD MLP GAN", "\(NumberText.compact(median(fdMLP))) (\(spread(fdMLP)))")
run.note("judged real: real", judgedReal.samples)
run.note("judged real: real control", judgedReal.real)
run.note("judged real: DCGAN", "\(NumberText.compact(median(judgedDCGAN.map(\.samples)))) (\(spread(judgedDCGAN.map(\.samples))))")
run.note("judged real: MLP GAN", "\(NumberText.compact(median(judgedMLP.map(\.samples)))) (\(spread(judgedMLP.map(\.samples))))")

var quality = Figure(title: "Sample quality, \(compared) images each; a dot per seed", columns: 2, panelWidth: 560, panelHeight: 400)
quality[0].title = "Fréchet distance to held-out images (lower is closer)"
quality[0].yLabel = "FD in the classifier's features"
quality[0].dotPlot([(name: "real", values: [fdReal]), (name: "DCGAN", values: fdDCGAN), (name: "MLP GAN", values: fdMLP)],
                   dotLabel: "one set of images")
quality[0].horizontalLine(fdMean, label: "the mean image, \(compared) times", color: .gray)
quality[0].yRange = 0...(max(fdMean, fdMLP.max()!) * 1.3)
quality[0].legendPosition = .topLeft
quality[1].title = "share of unseen images a trained judge takes for real"
quality[1].yLabel = "judged-real rate"
quality[1].dotPlot([(name: "real", values: [judgedReal.samples]), (name: "DCGAN", values: judgedDCGAN.map(\.samples)),
                    (name: "MLP GAN", values: judgedMLP.map(\.samples))], dotLabel: "one set of images")
quality[1].yRange = 0...1
run.save(quality, as: "quality.png")

//: ![Quality](../../figures/chapter-06/quality.png)
//:
//: | images | Fréchet distance | judged real |
//: |---|---|---|
//: | held-out real (another {{fact:compared}}) | {{fact:FD real}} | {{fact:judged real: real}} |
//: | DCGAN, median (seeds) | {{fact:FD DCGAN}} | {{fact:judged real: DCGAN}} |
//: | MLP GAN, median (seeds) | {{fact:FD MLP GAN}} | {{fact:judged real: MLP GAN}} |
//: | the mean training image | {{fact:FD mean image}} | — |
//: | uniform noise | {{fact:FD noise}} | — |
//:
//: The DCGAN's distance is {{value:DC-fd}} of the MLP GAN's (median over seeds) and
//: {{value:DC-mean}} of the mean image's. The judge takes {{value:DC-judged}} more of the DCGAN's
//: samples for real than of the MLP GAN's. Its control: of real images passed off as samples it
//: takes {{fact:judged real: real}} for real, of unseen real images {{fact:judged real: real control}}.
//: The judge is trained against the model it judges, so a rate says how easily that model's
//: samples are told apart, not how often a person would be fooled: the texts' human percentages
//: are not comparable.
//:
//: ## Parzen windows, and why not to trust them
//:
//: Goodfellow et al. 2014 report the log-likelihood of test images under a Gaussian Parzen window
//: fitted to G's samples, "The σ parameter of the Gaussians was obtained by cross validation on
//: the validation set". Theis, van den Oord and Bethge (2015) showed why the number misleads: a
//: window on the k-means centres of the training data, which are not samples of any good model,
//: can score higher than one on real images. Both, measured here on {{fact:parzen centres}}
//: centres each (σ from the validation images, log-likelihood of other test images):
let parzenCount = run.budget(full: 1_000, quick: 200)
let validation = test.tensor(at: (2 * compared)..<(2 * compared + parzenCount)).reshaped([parzenCount, 784])
let parzenTest = test.tensor(at: (2 * compared + parzenCount)..<(2 * compared + 2 * parzenCount)).reshaped([parzenCount, 784])
var parzenRng = run.generator("parzen")
let kMeansPool = trainImages.rows(0..<min(trainCount, 10 * parzenCount)).reshaped([min(trainCount, 10 * parzenCount), 784])
let parzenSets: [(name: String, centres: Tensor)] = [
  ("DCGAN samples", dcganSamples[0].rows(0..<parzenCount).reshaped([parzenCount, 784])),
  ("real training images", trainImages.gatheringRows(parzenRng.permutation(trainCount).prefix(parzenCount).map { $0 }).reshaped([parzenCount, 784])),
  ("k-means centres", KMeans.fit(kMeansPool, k: parzenCount, iterations: 10, using: &parzenRng).centres),
]
let parzen = parzenSets.map { set -> (sigma: Double, logLikelihood: Double) in
  let sigma = ParzenWindow.bestSigma(centres: set.centres, validation: validation).sigma
  return (sigma, ParzenWindow(centres: set.centres, sigma: sigma).meanLogLikelihood(parzenTest))
}
run.record("PZ-theis", parzen[2].logLikelihood - parzen[1].logLikelihood)
run.note("parzen centres", parzenCount)
run.note("k-means pool", kMeansPool.rows)
for (set, result) in zip(parzenSets, parzen) {
  run.note("parzen \(set.name)", "\(NumberText.compact(result.logLikelihood)) (σ = \(NumberText.compact(result.sigma)))")
}
//:
//: | centres | mean test log-likelihood, nats (σ) |
//: |---|---|
//: | DCGAN samples | {{fact:parzen DCGAN samples}} |
//: | real training images | {{fact:parzen real training images}} |
//: | k-means centres of {{fact:k-means pool}} training images | {{fact:parzen k-means centres}} |
//:
//: The k-means centres beat the real images by {{value:PZ-theis}} nats: a Parzen window rewards
//: centres that sit in the middle of the data more than samples that look like it, so its number
//: is not a measure of sample quality.
run.exportSamples(dcganSamples[0])

//: ## Try it
//:
//: - Train longer: `swift run -c release chapter-6 --epochs 5`. Do the DCGAN's samples keep
//:   improving by both measures, and does the MLP GAN catch up?
//: - Change the blur of `MemorisationCheck` to none and rerun: which control passes?
//: - `--export-samples samples.idx` writes the samples for your own tools.

run.finish()
