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
//: The slides show the arithmetic in a VAE-GAN's latent space (Larsen et al. 2016); here it is
//: the plain VAE's. The VAE-GAN, and whether its sharper reconstructions change the answer, are
//: the next step of this chapter.
//:
//: Run it with `make chapter-10` or `swift run -c release chapter-10 --quick`.

let chapter = Chapter(
  number: 10, slug: "10-attribute-vectors", title: "Attribute vectors: arithmetic in a latent space",
  claims: [
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
  ])
let run = chapter.start()
BatchWorkers.set(2)
func median(_ x: [Double]) -> Double { Statistics.quantile(x, 0.5) }
func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
func list(_ x: [Double]) -> String { x.map(NumberText.compact).joined(separator: ", ") }

//: ## The faces, the instrument and the VAE
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

//: ## Attribute vectors
//:
//: For each attribute, the mean of the encoder's means μ(x) over the first {{fact:vector faces}}
//: training faces with it, minus the mean over those without it (the official VAE-GAN code uses
//: 10,000 images too):
//: {{code:attributeVector}}
//: Then, for each attribute and each seed, the test faces without it are encoded, the vector is
//: added to their codes, and the codes are decoded; the classifier says which attributes it sees
//: in the decoded faces. The same for the faces with it, with the vector subtracted. The control
//: adds, in place of the attribute vector, a random direction of the same length.
let vectorFaces = run.budget(full: 10_000, quick: 1_000)
run.note("vector faces", vectorFaces)
var controlRng = run.generator("random directions")

struct Edit {
  /// Per attribute: the share seen with it among test faces without it, reconstructed, after
  /// adding its vector, after adding a random vector of the same length; among faces with it,
  /// after subtracting; and the mean change of the other attributes' shares when adding.
  var before: [Double] = [], added: [Double] = [], random: [Double] = [], removed: [Double] = [], others: [Double] = []
  /// Per attribute: the pixel distance an edit moves a reconstruction, ÷ the distance between two test faces' reconstructions.
  var moved: [Double] = []
}

func share(_ predictions: [[Bool]], _ a: Int) -> Double {
  Double(predictions.filter { $0[a] }.count) / Double(predictions.count)
}
func rms(_ a: Tensor, _ b: Tensor) -> Double {
  (zip(a.scalars, b.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(a.count)).squareRoot()
}

let testHas = testFaces.attributes.map(\.vector)
let trainHas = trainFaces.attributes.prefix(vectorFaces).map(\.vector)
var edits: [Edit] = []
var vectors: [[Tensor]] = []
for vae in vaes {
  let trainCodes = vae.encode(trainFaces.images.rows(0..<vectorFaces))
  let attributeVectors = names.indices.map { a in attributeVector(codes: trainCodes, has: trainHas.map { $0[a] }) }
  vectors.append(attributeVectors)
  var edit = Edit()
  for a in names.indices {
    let without = testHas.indices.filter { !testHas[$0][a] }
    let with = testHas.indices.filter { testHas[$0][a] }
    let codes = vae.encode(testFaces.images.gatheringRows(without))
    let reconstructed = vae.decode(codes)
    let added = vae.decode(shifting(codes, by: attributeVectors[a]))
    let length = attributeVectors[a].scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    var direction = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 1, columns: codes.columns, using: &controlRng)
    let norm = direction.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    direction = direction * Float(length / norm)
    let randomly = vae.decode(shifting(codes, by: direction))
    let removed = vae.decode(shifting(vae.encode(testFaces.images.gatheringRows(with)), by: attributeVectors[a], scale: -1))
    let (p0, p1) = (judge.predictions(reconstructed), judge.predictions(added))
    edit.before.append(share(p0, a))
    edit.added.append(share(p1, a))
    edit.random.append(share(judge.predictions(randomly), a))
    edit.removed.append(share(judge.predictions(removed), a))
    edit.others.append(mean(names.indices.filter { $0 != a }.map { b in abs(share(p1, b) - share(p0, b)) }))
    let pairs = min(reconstructed.rows, 200)
    let apart = mean((0..<pairs).map { i in rms(reconstructed.rows(i..<(i + 1)), reconstructed.rows(((i + 1) % pairs)..<((i + 1) % pairs + 1))) })
    edit.moved.append(mean((0..<pairs).map { i in rms(reconstructed.rows(i..<(i + 1)), added.rows(i..<(i + 1))) }) / apart)
  }
  edits.append(edit)
}
run.record("AV-add", median(edits.map { mean($0.added) }))
run.record("AV-add-control", median(edits.map { mean($0.random) }))
run.record("AV-remove", median(edits.map { mean($0.removed) }))
run.record("AV-others", median(edits.map { mean($0.others) }))
@MainActor func perAttribute(_ values: (Edit) -> [Double]) -> [Double] { names.indices.map { a in median(edits.map { values($0)[a] }) } }
let table: [(String, [Double])] = [
  ("before", perAttribute(\.before)), ("added", perAttribute(\.added)), ("random", perAttribute(\.random)),
  ("removed", perAttribute(\.removed)), ("others", perAttribute(\.others)), ("moved", perAttribute(\.moved)),
]
for (column, values) in table {
  for (a, value) in values.enumerated() { run.note("\(column) \(names[a])", value) }
}

//: | attribute | seen in reconstructions of faces without it | … after adding its vector | … after adding a random vector | seen in faces with it after subtracting | mean change of the other attributes | pixel change ÷ distance between two faces |
//: |---|---|---|---|---|---|---|
//: | eyeglasses | {{fact:before eyeglasses}} | {{fact:added eyeglasses}} | {{fact:random eyeglasses}} | {{fact:removed eyeglasses}} | {{fact:others eyeglasses}} | {{fact:moved eyeglasses}} |
//: | smiling | {{fact:before smiling}} | {{fact:added smiling}} | {{fact:random smiling}} | {{fact:removed smiling}} | {{fact:others smiling}} | {{fact:moved smiling}} |
//: | bangs | {{fact:before bangs}} | {{fact:added bangs}} | {{fact:random bangs}} | {{fact:removed bangs}} | {{fact:others bangs}} | {{fact:moved bangs}} |
//: | beard | {{fact:before beard}} | {{fact:added beard}} | {{fact:random beard}} | {{fact:removed beard}} | {{fact:others beard}} | {{fact:moved beard}} |
//: | hat | {{fact:before hat}} | {{fact:added hat}} | {{fact:random hat}} | {{fact:removed hat}} | {{fact:others hat}} | {{fact:moved hat}} |
//: | mouth open | {{fact:before mouthOpen}} | {{fact:added mouthOpen}} | {{fact:random mouthOpen}} | {{fact:removed mouthOpen}} | {{fact:others mouthOpen}} | {{fact:moved mouthOpen}} |
//:
//: Medians over {{fact:seeds}} seeds. Averaged over the attributes: adding the vector makes the
//: classifier see the attribute in {{value:AV-add}} of the faces that lacked it, a random vector
//: of the same length in {{value:AV-add-control}}; subtracting leaves it in {{value:AV-remove}}
//: of the faces that had it; and the other five attributes' shares move by {{value:AV-others}}.
//: The last column is how far the edit moves the picture, against the distance between two
//: different faces: an edit that kept nothing of the face would stand near 1. (The classifier,
//: on real held-out faces: {{fact:classifier accuracies}}, in the order of the table.)

let shown = 5
var figure = Figure(title: "Adding attribute vectors (seed 1): a face without the attribute, then its code + the vector",
                    panelWidth: 1100, panelHeight: 980)
var tiles: [[Float]] = []
var captions: [String] = []
for a in names.indices {
  let without = Array(testHas.indices.filter { !testHas[$0][a] }.prefix(shown))
  let codes = vaes[0].encode(testFaces.images.gatheringRows(without))
  let (plain, added) = (vaes[0].decode(codes), vaes[0].decode(shifting(codes, by: vectors[0][a])))
  for i in 0..<shown {
    tiles += [plain.rows(i..<(i + 1)).scalars, added.rows(i..<(i + 1)).scalars]
    captions += [i == 0 ? names[a] : "", "+"]
  }
}
figure[0].images(tiles, width: 32, height: 32, columns: 2 * shown, valueRange: -1...1, captions: captions)
run.save(figure, as: "adding-attributes.png")

//: ![Adding attributes](../../figures/chapter-10/adding-attributes.png)

//: ## Try it
//:
//: - Add twice the vector (`shifting(codes, by: v, scale: 2)`): does the attribute show more
//:   often, and what happens to the other attributes?
//: - Compute the vectors from 1,000 faces instead of 10,000 (`vectorFaces`): how much do the
//:   shares in the table move?

run.finish()
