import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 10 — Attribute vectors: arithmetic in a latent space
//:
//: The course slides end with CelebA faces and "Attribute vectors": "Exploit the rich labeling
//: of CelebA to find directions in the latent space corresponding to specific visual features in
//: the image space". The recipe: "For each attribute, compute the mean vector for images with
//: the attribute and the mean vector for images without the attribute, and take their
//: difference", then "Use attribute vectors to modify the latent space before reconstruction,
//: in order to add a specific feature." This chapter does that with chapter 9's faces, whose
//: six attributes are known exactly, and with chapter 9's VAE, and measures what the slides
//: show by eye: does adding the vector add the attribute, does subtracting remove it, and what
//: else changes?
//:
//: The slides show the arithmetic in a VAE-GAN's latent space (Larsen et al. 2016), a VAE whose
//: reconstruction error is measured by a GAN's discriminator. This chapter first builds the
//: VAE-GAN and checks what the slides say it is for, sharper reconstructions, then does the
//: arithmetic in its latent space and in the plain VAE's.
//:
//: Run it with `make chapter-10` or `swift run -c release chapter-10 --quick`.

let chapter = Chapter(
  number: 10, slug: "10-attribute-vectors", title: "Attribute vectors: arithmetic in a latent space",
  claims: [
    ClaimSpec(
      id: "VG-sharp", statement: "A VAE-GAN, whose reconstruction error is measured in its discriminator's features, reconstructs sharper than a VAE",
      source: "Course slides, \"VAE-GAN\" (\"replace the element-wise reconstruction metric with the feature-wise metric learned by the discriminator\"); Larsen et al. 2016 (CLAIMS.md VG)",
      quantity: "median over seeds of the gradient energy of the VAE-GAN's reconstructions of held-out faces ÷ that of the VAE's reconstructions of the same faces",
      // After a quick run's 32 steps the VAE-GAN's reconstructions are still noise, whose
      // gradient energy is many times the VAE's: the upper bound keeps noise from passing for
      // sharpness.
      expected: .above(1.1), quickExpected: .between(1.1, 5),
      outcome: .notReproduced(
        because: "after {{fact:epochs}} epochs the VAE-GAN's reconstructions have a gradient energy of {{fact:sharpness VAE-GAN}} against the VAE's {{fact:sharpness VAE}} (median, range over seeds; real faces {{fact:sharpness real}}): sharper, and by more than two VAEs differ, but by less than the tenth asked")),
    ClaimSpec(
      id: "VG-sharp-control", statement: "Control: two VAEs that differ only in their seed differ in sharpness by less than that",
      source: "This chapter's control for VG-sharp",
      quantity: "largest ratio, over pairs of seeds, of the gradient energies of two VAEs' reconstructions of the same faces (the larger over the smaller)",
      expected: .below(1.1), quickExpected: .atLeast(1)),
    ClaimSpec(
      id: "VG-feature", statement: "… at a similar feature error",
      source: "CLAIMS.md VG (\"at similar feature error\")",
      quantity: "median over seeds of the mean squared distance, in the attribute classifier's features, between a held-out face and its VAE-GAN reconstruction ÷ the same for the VAE",
      expected: .below(1.25),
      outcome: .notReproduced(
        because: "the VAE-GAN's reconstructions lie further from their faces in the attribute classifier's features ({{fact:feature error VAE-GAN}} against {{fact:feature error VAE}}), and further from the held-out faces as a set (Fréchet distance {{fact:FD VAE-GAN reconstructions}} against {{fact:FD VAE reconstructions}})")),
    ClaimSpec(
      id: "AV-add", statement: "Adding an attribute vector to a face's code adds the attribute",
      source: "Course slides, \"Attribute vectors\" and \"Adding attributes\" (CLAIMS.md AV)",
      quantity: "median over seeds of the mean over the six attributes of the share of faces without the attribute that the attribute classifier sees with it after the vector is added",
      expected: .atLeast(0.5), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-add-control", statement: "Control: a random vector of the same length does not add the attribute",
      source: "This chapter's control for AV",
      quantity: "median over seeds of the same share after adding a random vector of the attribute vector's length",
      expected: .below(0.25), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-remove", statement: "Subtracting the attribute vector removes the attribute",
      source: "Course slides (\"modify the latent space\"); Larsen et al. 2016 §4.1 (CLAIMS.md AV)",
      quantity: "median over seeds of the mean over attributes of the share of faces with the attribute still seen with it after the vector is subtracted",
      expected: .below(0.5), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-others", statement: "The other attributes mostly stay as they were",
      source: "CLAIMS.md AV (\"other attributes mostly unchanged\")",
      quantity: "median over seeds of the mean over attributes of the mean change, over the five other attributes, in the share seen with them when the vector is added",
      expected: .below(0.2), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-add-vaegan", statement: "In the VAE-GAN's latent space, as in the slides, adding an attribute vector adds the attribute",
      source: "Course slides, \"Adding attributes\" (CLAIMS.md AV)",
      quantity: "as AV-add, for the VAE-GAN",
      expected: .atLeast(0.5), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-add-control-vaegan", statement: "Control: a random vector of the same length does not",
      source: "This chapter's control for AV",
      quantity: "as AV-add-control, for the VAE-GAN",
      expected: .below(0.25), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-remove-vaegan", statement: "Subtracting it removes the attribute",
      source: "Course slides; Larsen et al. 2016 §4.1 (CLAIMS.md AV)",
      quantity: "as AV-remove, for the VAE-GAN",
      expected: .below(0.5), quickExpected: .between(0, 1)),
    ClaimSpec(
      id: "AV-others-vaegan", statement: "The other attributes mostly stay as they were",
      source: "CLAIMS.md AV",
      quantity: "as AV-others, for the VAE-GAN",
      expected: .below(0.2), quickExpected: .between(0, 1)),
  ])
let run = chapter.start()
BatchWorkers.set(2)
func median(_ x: [Double]) -> Double { Statistics.quantile(x, 0.5) }
func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
func list(_ x: [Double]) -> String { x.map(NumberText.compact).joined(separator: ", ") }
func spread(_ x: [Double]) -> String { "\(NumberText.compact(x.min()!))–\(NumberText.compact(x.max()!))" }
func withRange(_ x: [Double]) -> String { "\(NumberText.compact(median(x))) (\(spread(x)))" }

//: ## The faces, the instrument and the two models
//:
//: The faces are chapter 9's ({{fact:face training}} for training, drawn from the same seed,
//: and {{fact:face test}} more), and so is the instrument, the classifier of the six attributes
//: (kept in `.build/workbook-cache`). The VAE is chapter 9's, at 32 × 32 with
//: {{fact:latent}} latent coordinates, trained for {{fact:epochs}} epochs per seed.
let faceTraining = run.budget(full: 20_000, quick: 2_000)
let faceTest = run.budget(full: 2_000, quick: 300)
run.note("face training", faceTraining)
run.note("face test", faceTest)
let faces = run.attempt("drawing the faces") { try ProceduralFaces.generate(count: faceTraining + faceTest, seed: 2021) }
let trainFaces = faces.faces(at: Array(0..<faceTraining))
let testFaces = faces.faces(at: Array(faceTraining..<(faceTraining + faceTest)))
let names = FaceAttributes.names

let attributeRecipe = AttributeClassifierRecipe()
let attributeEpochs = run.budget(full: 3, quick: 1)
let (judge, judgeTrainedNow) = run.cached(
  "face-attributes-\(faceTraining)", epochs: attributeEpochs, restore: attributeRecipe.restored,
  fingerprint: attributeRecipe.fingerprint(epochs: attributeEpochs, seed: 2022, data: "faces seed 2021 0..<\(faceTraining)")
) { onEpoch in
  var rng = SeededGenerator(seed: 2022)
  let c = try attributeRecipe.train(on: AttributeLabelledImages(images: trainFaces.images, attributes: trainFaces.attributeMatrix),
                                    epochs: attributeEpochs, using: &rng, onEpoch: onEpoch)
  return (c, c.state)
}
run.note("classifier", judgeTrainedNow ? "trained in this run" : "read from .build/workbook-cache")
run.note("classifier accuracies", list(judge.accuracies(on: AttributeLabelledImages(images: testFaces.images, attributes: testFaces.attributeMatrix))))

var vaeRecipe = VAERecipe()
vaeRecipe.imageSide = 32
vaeRecipe.latentDimension = 32
let epochs = run.epochs(full: 3, quick: 1)
let seeds: [UInt64] = run.budget(full: [1, 2, 3], quick: [1, 2])
run.note("latent", vaeRecipe.latentDimension)
run.note("epochs", epochs)
run.note("seeds", seeds.count)
let stepsPerEpoch = (faceTraining + 63) / 64
var vaes: [VAE] = []
for seed in seeds {
  var rng = run.generator("VAE/seed \(seed)")
  let vae = vaeRecipe.makeVAE(using: &rng)
  let progress = run.progress("VAE on faces, seed \(seed)", total: epochs * stepsPerEpoch)
  _ = run.attempt("the VAE") {
    try vaeRecipe.train(vae, on: trainFaces.images, epochs: epochs, using: &rng, onEpoch: { _, _ in }) { step, losses in
      progress.update(step, metrics: ["−ELBO": losses.negativeELBO])
    }
  }
  progress.finish()
  vaes.append(vae)
}

//: ## The VAE-GAN (VG)
//:
//: The slides' VAE-GAN has one idea: "replace the element-wise reconstruction metric with the
//: feature-wise metric learned by the discriminator". The VAE's decoder is also a GAN's
//: generator, and a discriminator D learns to tell real faces from the decoder's; a hidden layer
//: of D, Dis_l, is where a reconstruction is compared with its face. The reconstruction term of
//: the ELBO becomes ½ ‖Dis_l(x) − Dis_l(x̃)‖², a Gaussian of unit variance in D's features:
//: {{code:featureReconstructionLoss}}
//: Each network gets its own share of the losses (Larsen et al., Algorithm 1), one update after
//: the other on every batch. The encoder minimises the prior term and the feature error:
//: {{code:vaeganEncoderStep}}
//: The decoder minimises γ times the feature error plus fooling D (the non-saturating cost, on
//: reconstructions and on samples from the prior alike):
//: {{code:vaeganDecoderStep}}
//: And D learns to tell the faces from both:
//: {{code:vaeganDiscriminatorStep}}
//: Here γ = {{fact:gamma}}. Encoder and decoder are the VAE's; D has the VAE encoder's body at
//: half the channels, and one logit; all three learn with DCGAN's Adam (2 · 10⁻⁴, β₁ = ½), for
//: the same {{fact:epochs}} epochs on the same faces.
var vaeganRecipe = VAEGANRecipe()
vaeganRecipe.autoencoder = vaeRecipe
run.note("gamma", NumberText.compact(Double(vaeganRecipe.reconstructionWeight)))
var vaegans: [VAEGAN] = []
var finalDiscriminatorLosses: [Double] = []
for seed in seeds {
  var rng = run.generator("VAE-GAN/seed \(seed)")
  let vaegan = vaeganRecipe.makeVAEGAN(using: &rng)
  let progress = run.progress("VAE-GAN on faces, seed \(seed)", total: epochs * stepsPerEpoch)
  let history = run.attempt("the VAE-GAN") {
    try vaeganRecipe.train(vaegan, on: trainFaces.images, epochs: epochs, using: &rng, onEpoch: { _, _ in }) { step, losses in
      progress.update(step, metrics: ["L_llike": losses.featureReconstruction, "D loss": losses.discriminator])
    }
  }
  progress.finish()
  vaegans.append(vaegan)
  finalDiscriminatorLosses.append(history.last!.discriminator)
}
run.note("final D loss", withRange(finalDiscriminatorLosses))

//: Are its reconstructions sharper, and do they still show the face they reconstruct? Sharpness
//: is the gradient energy of chapters 5 and 9; the likeness is measured by an instrument neither
//: model has seen, the attribute classifier: the mean squared distance between its features of a
//: face and of the reconstruction. The control asks how much two plain VAEs that differ only in
//: their seed differ in sharpness: a VAE-GAN whose edge were no larger than that would show
//: nothing.
let evaluated = Array(0..<min(faceTest, 1_000))
let evaluatedFaces = testFaces.images.gatheringRows(evaluated)
func sharpness(_ t: Tensor) -> Double {
  median((0..<t.rows).map { ImageMetrics.sharpness(t.rows($0..<($0 + 1)).scalars, width: 32, height: 32) })
}
let realFeatures = judge.features(evaluatedFaces)
@MainActor func featureError(_ reconstructions: Tensor) -> Double {
  let f = judge.features(reconstructions)
  return zip(f.scalars, realFeatures.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(f.rows)
}
let (vaeReconstructions, vaeganReconstructions) = (vaes.map { $0.reconstruct(evaluatedFaces) }, vaegans.map { $0.reconstruct(evaluatedFaces) })
let (sharpVAE, sharpVAEGAN) = (vaeReconstructions.map(sharpness), vaeganReconstructions.map(sharpness))
let (featureVAE, featureVAEGAN) = (vaeReconstructions.map(featureError), vaeganReconstructions.map(featureError))
run.record("VG-sharp", median(zip(sharpVAEGAN, sharpVAE).map { $0 / $1 }))
let seedPairs = sharpVAE.indices.flatMap { i in sharpVAE.indices.filter { $0 > i }.map { (i, $0) } }
run.record("VG-sharp-control", seedPairs.map { max(sharpVAE[$0.0], sharpVAE[$0.1]) / min(sharpVAE[$0.0], sharpVAE[$0.1]) }.max()!)
run.record("VG-feature", median(zip(featureVAEGAN, featureVAE).map { $0 / $1 }))
run.note("sharpness real", sharpness(evaluatedFaces))
run.note("sharpness VAE", withRange(sharpVAE))
run.note("sharpness VAE-GAN", withRange(sharpVAEGAN))
run.note("feature error VAE", withRange(featureVAE))
run.note("feature error VAE-GAN", withRange(featureVAEGAN))

//: The same instruments, retrained for faces, judge the models as generators: the Fréchet
//: distance to the held-out faces in the attribute classifier's features, and the judged-real
//: rate of chapter 6 (a real-or-generated classifier trained on half of the images and asked
//: about the other half; real faces are taken for real at the rate in the last row).
var sampleRng = run.generator("samples")
let otherFaces = testFaces.images.gatheringRows(Array(evaluated.count..<min(faceTest, 2 * evaluated.count)))
let vaeSamples = vaes.map { $0.sample(count: evaluated.count, using: &sampleRng) }
let vaeganSamples = vaegans.map { $0.sample(count: evaluated.count, using: &sampleRng) }
@MainActor func fd(_ t: Tensor) -> Double { frechetDistance(judge.features(t), realFeatures) }
let judgeEpochs = run.budget(full: 2, quick: 1)
var judgeRng = run.generator("judges")
@MainActor func judgedReal(_ t: Tensor) -> Double {
  run.attempt("a judge") { try JudgedRealRate.measure(real: evaluatedFaces, samples: t, epochs: judgeEpochs, using: &judgeRng) }.samples
}
let instrumentRows: [(String, [Tensor])] = [
  ("VAE reconstructions", vaeReconstructions), ("VAE-GAN reconstructions", vaeganReconstructions),
  ("VAE samples", vaeSamples), ("VAE-GAN samples", vaeganSamples),
]
for (name, images) in instrumentRows {
  run.note("FD \(name)", withRange(images.map(fd)))
  run.note("judged real \(name)", withRange(images.map(judgedReal)))
  run.note("sharpness \(name)", withRange(images.map(sharpness)))
}
if otherFaces.rows == evaluatedFaces.rows {
  run.note("FD real", fd(otherFaces))
  run.note("judged real real", judgedReal(otherFaces))
  run.note("sharpness real faces", sharpness(otherFaces))
} else {
  for key in ["FD real", "judged real real", "sharpness real faces"] { run.note(key, "not measured (too few test faces)") }
}

//: | images (median over {{fact:seeds}} seeds, range) | gradient energy | feature error to the face | Fréchet distance to held-out faces | judged real |
//: |---|---|---|---|---|
//: | VAE reconstructions | {{fact:sharpness VAE}} | {{fact:feature error VAE}} | {{fact:FD VAE reconstructions}} | {{fact:judged real VAE reconstructions}} |
//: | VAE-GAN reconstructions | {{fact:sharpness VAE-GAN}} | {{fact:feature error VAE-GAN}} | {{fact:FD VAE-GAN reconstructions}} | {{fact:judged real VAE-GAN reconstructions}} |
//: | VAE samples, z ~ N(0, I) | {{fact:sharpness VAE samples}} | — | {{fact:FD VAE samples}} | {{fact:judged real VAE samples}} |
//: | VAE-GAN samples | {{fact:sharpness VAE-GAN samples}} | — | {{fact:FD VAE-GAN samples}} | {{fact:judged real VAE-GAN samples}} |
//: | held-out real faces | {{fact:sharpness real faces}} | 0 | {{fact:FD real}} | {{fact:judged real real}} |
//:
//: The VAE-GAN's reconstructions carry {{value:VG-sharp}} times the gradient energy of the VAE's
//: (median of the seeds' ratios; two VAEs differ by up to {{value:VG-sharp-control}}), at
//: {{value:VG-feature}} times the VAE's feature error. At this budget, {{fact:epochs}} epochs of
//: {{fact:face training}} faces, that is not the slides' claim: the learned metric buys a little
//: sharpness and pays for it in likeness. Larsen et al. trained on CelebA for far longer; here
//: D is still far ahead of the decoder (its loss at the end of training,
//: {{fact:final D loss}}, is that of a D that tells most generated faces apart), and the
//: samples show it in the figure: the decoder has not yet learnt to draw from the prior what D
//: would take for a face.

var pictures = Figure(title: "Seed 1: held-out faces, their reconstructions, and samples from z ~ N(0, I)",
                      rows: 5, columns: 1, panelWidth: 800, panelHeight: 130)
let shownFaces = evaluatedFaces.rows(0..<10)
let pictureRows: [(String, Tensor)] = [
  ("held-out faces", shownFaces), ("VAE: reconstructions", vaes[0].reconstruct(shownFaces)),
  ("VAE-GAN: reconstructions", vaegans[0].reconstruct(shownFaces)),
  ("VAE: samples", vaeSamples[0].rows(0..<10)), ("VAE-GAN: samples", vaeganSamples[0].rows(0..<10)),
]
for (k, (title, t)) in pictureRows.enumerated() {
  pictures[k].title = title
  pictures[k].images(t, columns: 10, valueRange: -1...1)
}
run.save(pictures, as: "reconstructions.png")

//: ![Reconstructions](../../figures/chapter-10/reconstructions.png)

//: ## Attribute vectors
//:
//: For each attribute, the mean of the encoder's means μ(x) over the first {{fact:vector faces}}
//: training faces with it, minus the mean over those without it (the official VAE-GAN code uses
//: 10,000 images too):
//: {{code:attributeVector}}
//: Then, for each attribute and each seed, the test faces without it are encoded, the vector is
//: added to their codes, and the codes are decoded; the classifier says which attributes it sees
//: in the decoded faces. The same for the faces with it, with the vector subtracted. The control
//: adds, in place of the attribute vector, a random direction of the same length. Whether the
//: face stays the same face is measured twice: how far the edit moves the picture, and how far
//: it moves the code the encoder gives the edited picture, each against the same distance between
//: two different faces (an edit that kept nothing of the face would stand near 1).
let vectorFaces = run.budget(full: 10_000, quick: 1_000)
run.note("vector faces", vectorFaces)
var controlRng = run.generator("random directions")

struct Edit {
  /// Per attribute: the share seen with it among test faces without it, reconstructed, after
  /// adding its vector, after adding a random vector of the same length; among faces with it,
  /// after subtracting; and the mean change of the other attributes' shares when adding.
  var before: [Double] = [], added: [Double] = [], random: [Double] = [], removed: [Double] = [], others: [Double] = []
  /// Per attribute: the distance an edit moves a reconstruction, and the encoding of it, ÷ the
  /// same distance between two test faces.
  var moved: [Double] = [], codeMoved: [Double] = []
}

func share(_ predictions: [[Bool]], _ a: Int) -> Double {
  Double(predictions.filter { $0[a] }.count) / Double(predictions.count)
}
func rms(_ a: Tensor, _ b: Tensor) -> Double {
  (zip(a.scalars, b.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(a.count)).squareRoot()
}
/// The mean distance between row i of `a` and row i of `b`, ÷ the mean distance between
/// neighbouring rows of `a` (two different faces).
func relativeMove(_ a: Tensor, _ b: Tensor) -> Double {
  let pairs = min(a.rows, 200)
  let apart = mean((0..<pairs).map { i in rms(a.rows(i..<(i + 1)), a.rows(((i + 1) % pairs)..<((i + 1) % pairs + 1))) })
  return mean((0..<pairs).map { i in rms(a.rows(i..<(i + 1)), b.rows(i..<(i + 1))) }) / apart
}

let testHas = testFaces.attributes.map(\.vector)
let trainHas = trainFaces.attributes.prefix(vectorFaces).map(\.vector)

/// The attribute vectors of `model` and what adding, subtracting and a random vector do.
@MainActor func edits(of model: some ImageAutoencoder) -> (edit: Edit, vectors: [Tensor]) {
  let trainCodes = model.encode(trainFaces.images.rows(0..<vectorFaces))
  let attributeVectors = names.indices.map { a in attributeVector(codes: trainCodes, has: trainHas.map { $0[a] }) }
  var edit = Edit()
  for a in names.indices {
    let without = testHas.indices.filter { !testHas[$0][a] }
    let with = testHas.indices.filter { testHas[$0][a] }
    let codes = model.encode(testFaces.images.gatheringRows(without))
    let reconstructed = model.decode(codes)
    let added = model.decode(shifting(codes, by: attributeVectors[a]))
    let length = attributeVectors[a].scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    var direction = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 1, columns: codes.columns, using: &controlRng)
    let norm = direction.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    direction = direction * Float(length / norm)
    let randomly = model.decode(shifting(codes, by: direction))
    let removed = model.decode(shifting(model.encode(testFaces.images.gatheringRows(with)), by: attributeVectors[a], scale: -1))
    let (p0, p1) = (judge.predictions(reconstructed), judge.predictions(added))
    edit.before.append(share(p0, a))
    edit.added.append(share(p1, a))
    edit.random.append(share(judge.predictions(randomly), a))
    edit.removed.append(share(judge.predictions(removed), a))
    edit.others.append(mean(names.indices.filter { $0 != a }.map { b in abs(share(p1, b) - share(p0, b)) }))
    edit.moved.append(relativeMove(reconstructed, added))
    edit.codeMoved.append(relativeMove(model.encode(reconstructed), model.encode(added)))
  }
  return (edit, attributeVectors)
}
let vaeEdits = vaes.map { edits(of: $0) }
let vaeganEdits = vaegans.map { edits(of: $0) }
for (suffix, results) in [("", vaeEdits), ("-vaegan", vaeganEdits)] {
  let e = results.map(\.edit)
  run.record("AV-add\(suffix)", median(e.map { mean($0.added) }))
  run.record("AV-add-control\(suffix)", median(e.map { mean($0.random) }))
  run.record("AV-remove\(suffix)", median(e.map { mean($0.removed) }))
  run.record("AV-others\(suffix)", median(e.map { mean($0.others) }))
  let columns: [(String, (Edit) -> [Double])] = [
    ("before", \.before), ("added", \.added), ("random", \.random), ("removed", \.removed), ("others", \.others),
    ("moved", \.moved), ("code moved", \.codeMoved),
  ]
  for (column, values) in columns {
    for a in names.indices { run.note("\(column) \(names[a])\(suffix)", median(e.map { values($0)[a] })) }
  }
}

//: In the VAE-GAN's latent space, per attribute (medians over {{fact:seeds}} seeds):
//:
//: | attribute | seen in reconstructions of faces without it | … after adding its vector | … after adding a random vector | seen in faces with it after subtracting | mean change of the other attributes | pixel change ÷ distance between two faces | code change ÷ distance between two codes |
//: |---|---|---|---|---|---|---|---|
//: | eyeglasses | {{fact:before eyeglasses-vaegan}} | {{fact:added eyeglasses-vaegan}} | {{fact:random eyeglasses-vaegan}} | {{fact:removed eyeglasses-vaegan}} | {{fact:others eyeglasses-vaegan}} | {{fact:moved eyeglasses-vaegan}} | {{fact:code moved eyeglasses-vaegan}} |
//: | smiling | {{fact:before smiling-vaegan}} | {{fact:added smiling-vaegan}} | {{fact:random smiling-vaegan}} | {{fact:removed smiling-vaegan}} | {{fact:others smiling-vaegan}} | {{fact:moved smiling-vaegan}} | {{fact:code moved smiling-vaegan}} |
//: | bangs | {{fact:before bangs-vaegan}} | {{fact:added bangs-vaegan}} | {{fact:random bangs-vaegan}} | {{fact:removed bangs-vaegan}} | {{fact:others bangs-vaegan}} | {{fact:moved bangs-vaegan}} | {{fact:code moved bangs-vaegan}} |
//: | beard | {{fact:before beard-vaegan}} | {{fact:added beard-vaegan}} | {{fact:random beard-vaegan}} | {{fact:removed beard-vaegan}} | {{fact:others beard-vaegan}} | {{fact:moved beard-vaegan}} | {{fact:code moved beard-vaegan}} |
//: | hat | {{fact:before hat-vaegan}} | {{fact:added hat-vaegan}} | {{fact:random hat-vaegan}} | {{fact:removed hat-vaegan}} | {{fact:others hat-vaegan}} | {{fact:moved hat-vaegan}} | {{fact:code moved hat-vaegan}} |
//: | mouth open | {{fact:before mouthOpen-vaegan}} | {{fact:added mouthOpen-vaegan}} | {{fact:random mouthOpen-vaegan}} | {{fact:removed mouthOpen-vaegan}} | {{fact:others mouthOpen-vaegan}} | {{fact:moved mouthOpen-vaegan}} | {{fact:code moved mouthOpen-vaegan}} |
//:
//: In the plain VAE's:
//:
//: | attribute | seen in reconstructions of faces without it | … after adding its vector | … after adding a random vector | seen in faces with it after subtracting | mean change of the other attributes | pixel change ÷ distance between two faces | code change ÷ distance between two codes |
//: |---|---|---|---|---|---|---|---|
//: | eyeglasses | {{fact:before eyeglasses}} | {{fact:added eyeglasses}} | {{fact:random eyeglasses}} | {{fact:removed eyeglasses}} | {{fact:others eyeglasses}} | {{fact:moved eyeglasses}} | {{fact:code moved eyeglasses}} |
//: | smiling | {{fact:before smiling}} | {{fact:added smiling}} | {{fact:random smiling}} | {{fact:removed smiling}} | {{fact:others smiling}} | {{fact:moved smiling}} | {{fact:code moved smiling}} |
//: | bangs | {{fact:before bangs}} | {{fact:added bangs}} | {{fact:random bangs}} | {{fact:removed bangs}} | {{fact:others bangs}} | {{fact:moved bangs}} | {{fact:code moved bangs}} |
//: | beard | {{fact:before beard}} | {{fact:added beard}} | {{fact:random beard}} | {{fact:removed beard}} | {{fact:others beard}} | {{fact:moved beard}} | {{fact:code moved beard}} |
//: | hat | {{fact:before hat}} | {{fact:added hat}} | {{fact:random hat}} | {{fact:removed hat}} | {{fact:others hat}} | {{fact:moved hat}} | {{fact:code moved hat}} |
//: | mouth open | {{fact:before mouthOpen}} | {{fact:added mouthOpen}} | {{fact:random mouthOpen}} | {{fact:removed mouthOpen}} | {{fact:others mouthOpen}} | {{fact:moved mouthOpen}} | {{fact:code moved mouthOpen}} |
//:
//: Averaged over the attributes, in the VAE-GAN's latent space: adding the vector makes the
//: classifier see the attribute in {{value:AV-add-vaegan}} of the faces that lacked it, a random
//: vector of the same length in {{value:AV-add-control-vaegan}}; subtracting leaves it in
//: {{value:AV-remove-vaegan}} of the faces that had it; and the other five attributes' shares
//: move by {{value:AV-others-vaegan}}. In the VAE's: {{value:AV-add}}, {{value:AV-add-control}},
//: {{value:AV-remove}} and {{value:AV-others}}. (The classifier, on real held-out faces:
//: {{fact:classifier accuracies}}, in the order of the tables.)

/// Rows = attributes; in each row `shown` faces and each face edited: the slides' figure.
@MainActor func editFigure(_ model: some ImageAutoencoder, vectors: [Tensor], subtract: Bool, title: String) -> Figure {
  let shown = 5
  var figure = Figure(title: title, panelWidth: 1100, panelHeight: 980)
  var tiles: [[Float]] = []
  var captions: [String] = []
  for a in names.indices {
    let chosen = Array(testHas.indices.filter { testHas[$0][a] == subtract }.prefix(shown))
    let codes = model.encode(testFaces.images.gatheringRows(chosen))
    let (plain, edited) = (model.decode(codes), model.decode(shifting(codes, by: vectors[a], scale: subtract ? -1 : 1)))
    for i in 0..<chosen.count {
      tiles += [plain.rows(i..<(i + 1)).scalars, edited.rows(i..<(i + 1)).scalars]
      captions += [i == 0 ? names[a] : "", subtract ? "−" : "+"]
    }
  }
  figure[0].images(tiles, width: 32, height: 32, columns: 2 * shown, valueRange: -1...1, captions: captions)
  return figure
}
run.save(editFigure(vaegans[0], vectors: vaeganEdits[0].vectors, subtract: false,
                    title: "VAE-GAN (seed 1): a face without the attribute, reconstructed, then its code + the attribute vector"),
         as: "adding-attributes.png")
run.save(editFigure(vaegans[0], vectors: vaeganEdits[0].vectors, subtract: true,
                    title: "VAE-GAN (seed 1): a face with the attribute, reconstructed, then its code − the attribute vector"),
         as: "removing-attributes.png")
run.save(editFigure(vaes[0], vectors: vaeEdits[0].vectors, subtract: false,
                    title: "VAE (seed 1): a face without the attribute, reconstructed, then its code + the attribute vector"),
         as: "adding-attributes-vae.png")

//: ![Adding attributes](../../figures/chapter-10/adding-attributes.png)
//:
//: ![Removing attributes](../../figures/chapter-10/removing-attributes.png)
//:
//: ![Adding attributes in the VAE](../../figures/chapter-10/adding-attributes-vae.png)

//: ## Try it
//:
//: - Add twice the vector (`shifting(codes, by: v, scale: 2)`): does the attribute show more
//:   often, and what happens to the other attributes?
//: - Compute the vectors from 1,000 faces instead of 10,000 (`vectorFaces`): how much do the
//:   shares in the table move?
//: - Change γ (`vaeganRecipe.reconstructionWeight`): how do sharpness and feature error trade?

run.finish()
