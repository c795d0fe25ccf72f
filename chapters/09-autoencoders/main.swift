import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 9 — Autoencoders and VAEs: why GANs are crisper
//:
//: The seminar report sets GANs beside the other family of generative models: "Other types of
//: generative models include Variational Autoencoders (VAEs) and autoregressive models like
//: PixelRNN." Its chapter 4 builds the VAE from the autoencoder, and its conclusion (chapter 5) says:
//: "When it comes to images, GANs in general, produce crispier images than VAEs." This chapter
//: trains an autoencoder, a VAE and chapter 6's DCGAN on the same Fashion-MNIST images, checks
//: the VAE's KL term against sampling, and measures the crispness. It ends by introducing the
//: faces with known attributes that chapter 10's attribute vectors need, the classifier that
//: will measure them, and the autoencoder and the VAE trained on them.
//:
//: Run it with `make chapter-9` or `swift run -c release chapter-9 --quick` (3,000 images, one
//: epoch: it checks that everything runs).

let chapter = Chapter(
  number: 9, slug: "09-autoencoders", title: "Autoencoders and VAEs: why GANs are crisper",
  claims: [
    ClaimSpec(
      id: "VA-kl", statement: "The VAE's KL term in closed form, ½ Σ (μ² + σ² − log σ² − 1), is KL(q(z | x) ‖ N(0, I))",
      source: "Seminar report §4.2 (\"we can optimize KL divergence\"); Kingma & Welling 2014 App. B (CLAIMS.md VA)",
      quantity: "largest relative difference between the closed form and a Monte Carlo estimate of E_q[log q(z) − log p(z)] (10⁶ draws each) over the posteriors of test images under a trained VAE",
      expected: .below(0.005)),
    ClaimSpec(
      id: "VA-kl-control", statement: "Control: the same comparison catches a closed form with σ in place of σ²",
      source: "This chapter's control for VA-kl",
      quantity: "smallest relative difference between ½ Σ (μ² + σ − log σ − 1) and the same Monte Carlo estimates",
      expected: .above(0.05)),
    ClaimSpec(
      id: "VA-ae", statement: "A standard autoencoder cannot create new images from random codes; a VAE can",
      source: "Seminar report §4.2: \"We cannot create a new image using a standard autoencoder since the latent vectors are obtained by encoding an input image\"",
      quantity: "median over seeds of FD(autoencoder decoding z ~ N(0, I)) ÷ FD(VAE samples), to held-out images in the classifier's features",
      expected: .above(1), quickExpected: .above(0)),
    ClaimSpec(
      id: "VB-sharp", statement: "GANs produce crisper images than VAEs",
      source: "Seminar report, conclusion: \"GANs in general, produce crispier images than VAEs\" (CLAIMS.md VB)",
      quantity: "median over seeds of the gradient energy of DCGAN samples ÷ that of VAE samples (1000 each)",
      expected: .above(1), quickExpected: .above(0)),
    ClaimSpec(
      id: "VB-real", statement: "Control: real images are crisper than VAE samples",
      source: "This chapter's control for VB (the seminar report: \"variational methods produce blurry images\")",
      quantity: "gradient energy of 1000 held-out images ÷ the median over seeds of that of VAE samples",
      expected: .above(1), quickExpected: .above(0)),
    ClaimSpec(
      id: "VB-beta", statement: "Control: a VAE whose KL term weighs almost nothing (β = 0.01) reconstructs crisper than the VAE",
      source: "The issue's control for VB: the blur is the price of the KL term",
      quantity: "median over seeds of the gradient energy of β = 0.01 reconstructions ÷ that of β = 1 reconstructions of the same test images",
      // One epoch on 3,000 images cannot resolve a difference of a few per cent either way.
      expected: .above(1), quickExpected: .above(1.2),
      outcome: .notReproduced(
        because: "β = 0.01 reconstructions have a gradient energy of {{fact:sharpness small beta}} against {{fact:sharpness reconstructions}} for β = 1 (median, range over seeds): with σₓ = 0.2 the reconstruction term already outweighs the KL term (the posteriors' KL is {{fact:kl range}} nats), so lowering β changes little; the VAE's blur is in its samples ({{fact:sharpness VAE}}), not in its reconstructions")),
    ClaimSpec(
      id: "AC-acc", statement: "The attribute classifier, chapter 10's instrument, recognises every attribute of held-out faces",
      source: "Instrument (issue: per-attribute accuracy ≥ 95 %)",
      quantity: "lowest per-attribute accuracy on held-out faces", expected: .atLeast(0.95), quickExpected: .atLeast(0.6)),
  ])
let run = chapter.start()
BatchWorkers.set(2)
func median(_ x: [Double]) -> Double { Statistics.quantile(x, 0.5) }
func spread(_ x: [Double]) -> String { "\(NumberText.compact(x.min()!))–\(NumberText.compact(x.max()!))" }
func list(_ x: [Double]) -> String { x.map(NumberText.compact).joined(separator: ", ") }

//: ## 1. From an autoencoder to a VAE
//:
//: The report: an autoencoder's encoder squeezes an image into a latent vector and its decoder
//: rebuilds the image from it; "We cannot create a new image using a standard autoencoder since
//: the latent vectors are obtained by encoding an input image." A VAE differs "by the fact that
//: the encoder of the variational autoencoder is forced to create latent vectors that roughly
//: follow a unit Gaussian distribution. For generating new images, we can sample new latent
//: vectors from the Gaussian distribution and pass it onto the decoder." The encoder returns a
//: mean μ and a log variance log σ² per latent coordinate; z = μ + σ ⊙ ε with ε ~ N(0, I)
//: (the reparameterisation, so that the gradient reaches μ and σ); and the loss, the negative
//: ELBO, is a reconstruction term plus the KL divergence of q(z | x) = N(μ, σ²) from N(0, I).
//: Here the decoder is Gaussian with σₓ = 0.2 on pixels in [−1, 1], so the reconstruction term
//: is Σ (x − x̂)² / (2 σₓ²) (`VAERecipe`), and the KL term is `gaussianKL` in Math:
//: {{code:gaussianKL}}
//: Both networks mirror chapter 6's DCGAN: the encoder is its discriminator with two heads, μ
//: and log σ², and the decoder is its generator, so the VAE and the GAN below differ in how
//: they are trained, not in what they can draw.
let train = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.train) }
let test = run.attempt("loading Fashion-MNIST") { try FashionMNIST.load(.test) }
let classifierCount = run.budget(full: 60_000, quick: 3_000)
let trainCount = run.budget(full: 20_000, quick: 3_000)
let trainImages = train.tensor(at: 0..<trainCount)
let epochs = run.epochs(full: 2, quick: 1)
let seeds: [UInt64] = run.budget(full: [1, 2, 3], quick: [1, 2])
let evaluated = run.budget(full: 1_000, quick: 300)
let heldOut = test.tensor(at: 0..<evaluated)
let moreHeldOut = test.tensor(at: evaluated..<(2 * evaluated))
run.note("training images", trainCount)
run.note("epochs", epochs)
run.note("seeds", seeds.count)
run.note("evaluated", evaluated)

let vaeRecipe = VAERecipe()
var smallBeta = VAERecipe()
smallBeta.klWeight = 0.01
let dcganRecipe = DCGANRecipe()
let stepsPerEpoch = (trainCount + 63) / 64

struct Trained {
  let vae: VAE
  let autoencoder: Autoencoder
  let smallBeta: VAE
  let dcgan: GAN
}

@MainActor func trainAutoencoder<Model: ImageAutoencoder>(_ model: Model, _ recipe: VAERecipe, name: String, seed: UInt64,
                                                          on images: Tensor = trainImages, epochs: Int = epochs) -> Model {
  var rng = run.generator("\(name)/seed \(seed)")
  let progress = run.progress("\(name), seed \(seed)", total: epochs * ((images.rows + 63) / 64))
  _ = run.attempt(name) {
    try recipe.train(model, on: images, epochs: epochs, using: &rng, onEpoch: { _, _ in }) { step, losses in
      progress.update(step, metrics: ["−ELBO": losses.negativeELBO])
    }
  }
  progress.finish()
  return model
}

@MainActor func trainDCGAN(seed: UInt64) -> GAN {
  var rng = run.generator("DCGAN/seed \(seed)")
  let gan = dcganRecipe.makeGAN(using: &rng)
  var trainer = AdversarialTrainer(gan: gan, training: dcganRecipe.training)
  let progress = run.progress("DCGAN, seed \(seed)", total: epochs * stepsPerEpoch)
  run.attempt("the DCGAN") {
    try trainer.train(on: trainImages, epochs: epochs, using: &rng, onStep: { step, losses in
      progress.update(step, metrics: ["D loss": losses.discriminator])
    })
  }
  progress.finish()
  return gan
}

var runs: [Trained] = []
for seed in seeds {
  var rng = run.generator("networks/seed \(seed)")
  let vae = trainAutoencoder(vaeRecipe.makeVAE(using: &rng), vaeRecipe, name: "VAE", seed: seed)
  let autoencoder = trainAutoencoder(vaeRecipe.makeAutoencoder(using: &rng), vaeRecipe, name: "autoencoder", seed: seed)
  let small = trainAutoencoder(smallBeta.makeVAE(using: &rng), smallBeta, name: "VAE, β = 0.01", seed: seed)
  runs.append(Trained(vae: vae, autoencoder: autoencoder, smallBeta: small, dcgan: trainDCGAN(seed: seed)))
}

//: ## 2. The KL term (VA)
//:
//: Is ½ Σ (μ² + σ² − log σ² − 1) really the KL divergence the ELBO needs? Take the posteriors
//: q(z | x) of {{fact:kl images}} test images under the seed-1 VAE, and estimate
//: E_q[log q(z) − log p(z)] by drawing 10⁶ codes from each (`monteCarloGaussianKL`). The
//: control is a slip that is easy to make: σ where σ² belongs.
let klImages = run.budget(full: 10, quick: 3)
let klDraws = run.budget(full: 1_000_000, quick: 100_000)
run.note("kl images", klImages)
run.note("kl draws", klDraws)
var klRng = run.generator("Monte Carlo")
let means = runs[0].vae.encode(heldOut.rows(0..<klImages))
let logVariances = runs[0].vae.logVariances(heldOut.rows(0..<klImages))
let latent = vaeRecipe.latentDimension
var (closedErrors, slipErrors, kls) = ([Double](), [Double](), [Double]())
for i in 0..<klImages {
  let mu = (0..<latent).map { Double(means[i, $0]) }
  let logVar = (0..<latent).map { Double(logVariances[i, $0]) }
  let closed = Double(gaussianKL(mean: Variable(means.rows(i..<(i + 1))), logVariance: Variable(logVariances.rows(i..<(i + 1)))).value.scalar)
  let slip = zip(mu, logVar).reduce(0.0) { sum, p in
    let sigma = Foundation.exp(0.5 * p.1)
    return sum + 0.5 * (p.0 * p.0 + sigma - Foundation.log(sigma) - 1)
  }
  let monteCarlo = monteCarloGaussianKL(mean: mu, logVariance: logVar, draws: klDraws, using: &klRng)
  closedErrors.append(abs(closed - monteCarlo) / monteCarlo)
  slipErrors.append(abs(slip - monteCarlo) / monteCarlo)
  kls.append(closed)
}
run.record("VA-kl", closedErrors.max()!)
run.record("VA-kl-control", slipErrors.min()!)
run.note("kl range", spread(kls))

//: The posteriors' KL terms range over {{fact:kl range}} nats; the closed form and the Monte
//: Carlo estimate differ by at most {{value:VA-kl}} (relative), the slip by at least
//: {{value:VA-kl-control}}.

//: ## 3. Reconstructions and new images (VA)
//:
//: Each model of seed 1, on the same test images, and then asked for new images: the VAE decodes
//: codes drawn from N(0, I); the autoencoder is given the same codes, which it never learnt to
//: expect.
var sampleRng = run.generator("samples")
let shownCodes = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 16, columns: latent, using: &sampleRng)
let shownTest = heldOut.rows(0..<16)
var pictures = Figure(title: "Seed 1, after \(epochs) epoch\(epochs == 1 ? "" : "s"): reconstructions of test images, and images from codes z ~ N(0, I)",
                      rows: 2, columns: 3, panelWidth: 400, panelHeight: 420)
let panels: [(String, Tensor)] = [
  ("test images", shownTest), ("autoencoder: reconstructions", runs[0].autoencoder.reconstruct(shownTest)),
  ("VAE: reconstructions", runs[0].vae.reconstruct(shownTest)),
  ("DCGAN: G(z), z ~ N(0, I)", runs[0].dcgan.sample(16, using: &sampleRng)),
  ("autoencoder: decoded z ~ N(0, I)", runs[0].autoencoder.decode(shownCodes)),
  ("VAE: decoded z ~ N(0, I)", runs[0].vae.decode(shownCodes)),
]
for (k, (title, t)) in panels.enumerated() {
  pictures[k].title = title
  pictures[k].images(t, count: 16, columns: 4, valueRange: -1...1)
}
run.save(pictures, as: "reconstructions.png")

//: ![Reconstructions and samples](../../figures/chapter-09/reconstructions.png)
//:
//: The Fréchet distance to held-out images (chapter 6's classifier, {{fact:evaluated}} images
//: each) of the autoencoder's decoded random codes is {{fact:FD autoencoder}} (median over
//: seeds, range), of the VAE's samples {{fact:FD VAE}}, and of the DCGAN's {{fact:FD DCGAN}};
//: new real images stand at {{fact:FD real}}. The autoencoder's decoded codes stand at
//: {{value:VA-ae}} times the VAE's distance: without the KL term nothing tells the encoder where
//: in the latent space to put its codes, so most of N(0, I) decodes to nothing it learnt.
let classifierRecipe = ImageClassifierRecipe()
let classifierEpochs = run.budget(full: 4, quick: 1)
let classifierSeed: UInt64 = 2015
let (classifier, classifierTrainedNow) = run.cached(
  "fashion-classifier-\(classifierCount)", epochs: classifierEpochs, restore: classifierRecipe.restored,
  fingerprint: classifierRecipe.fingerprint(epochs: classifierEpochs, seed: classifierSeed, data: "fashion-mnist train 0..<\(classifierCount)")
) { onEpoch in
  var rng = SeededGenerator(seed: classifierSeed)
  let c = try classifierRecipe.train(on: LabelledImages(images: train.tensor(at: 0..<classifierCount), labels: Array(train.labels[0..<classifierCount])),
                                     epochs: classifierEpochs, using: &rng, onEpoch: onEpoch)
  return (c, c.state)
}
run.note("classifier", classifierTrainedNow ? "trained in this run" : "read from .build/workbook-cache")
let heldOutFeatures = classifier.features(heldOut)
@MainActor func fd(_ t: Tensor) -> Double { frechetDistance(classifier.features(t), heldOutFeatures) }
var evaluationRng = run.generator("evaluation")
let vaeSamples = runs.map { $0.vae.sample(count: evaluated, using: &evaluationRng) }
let aeSamples = runs.map { $0.autoencoder.decode(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: evaluated, columns: latent, using: &evaluationRng)) }
let ganSamples = runs.map { $0.dcgan.sample(evaluated, using: &evaluationRng) }
let (fdVAE, fdAE, fdGAN) = (vaeSamples.map(fd), aeSamples.map(fd), ganSamples.map(fd))
run.record("VA-ae", median(zip(fdAE, fdVAE).map { $0 / $1 }))
run.note("FD autoencoder", "\(NumberText.compact(median(fdAE))) (\(spread(fdAE)))")
run.note("FD VAE", "\(NumberText.compact(median(fdVAE))) (\(spread(fdVAE)))")
run.note("FD DCGAN", "\(NumberText.compact(median(fdGAN))) (\(spread(fdGAN)))")
run.note("FD real", fd(moreHeldOut))

//: ## 4. Crisper? (VB)
//:
//: Crispness is measured as chapter 5 measures it: the gradient energy of an image, the mean
//: over pixels of the squared differences between neighbours (`ImageMetrics.sharpness`). A
//: sharp edge of contrast c adds c² per edge pixel; the same edge blurred over k pixels adds
//: c²/k. Noise is "crisp" by this measure too, so it is read beside the pictures and the
//: Fréchet distances above. For {{fact:evaluated}} images of each kind, seed by seed:
func sharpness(_ t: Tensor) -> Double {
  median((0..<t.rows).map { ImageMetrics.sharpness(t.rows($0..<($0 + 1)).scalars, width: 28, height: 28) })
}
let (sharpVAE, sharpGAN) = (vaeSamples.map(sharpness), ganSamples.map(sharpness))
let sharpReal = sharpness(moreHeldOut)
let reconstructionsSharp = runs.map { sharpness($0.vae.reconstruct(heldOut)) }
let smallBetaSharp = runs.map { sharpness($0.smallBeta.reconstruct(heldOut)) }
run.record("VB-sharp", median(zip(sharpGAN, sharpVAE).map { $0 / $1 }))
run.record("VB-real", sharpReal / median(sharpVAE))
run.record("VB-beta", median(zip(smallBetaSharp, reconstructionsSharp).map { $0 / $1 }))
run.note("sharpness real", sharpReal)
run.note("sharpness VAE", "\(NumberText.compact(median(sharpVAE))) (\(spread(sharpVAE)))")
run.note("sharpness DCGAN", "\(NumberText.compact(median(sharpGAN))) (\(spread(sharpGAN)))")
run.note("sharpness reconstructions", "\(NumberText.compact(median(reconstructionsSharp))) (\(spread(reconstructionsSharp)))")
run.note("sharpness small beta", "\(NumberText.compact(median(smallBetaSharp))) (\(spread(smallBetaSharp)))")

var crisp = Figure(title: "Gradient energy (median over \(evaluated) images; a dot per seed)", panelWidth: 760, panelHeight: 420)
crisp[0].yLabel = "gradient energy"
crisp[0].dotPlot([
  (name: "real", values: [sharpReal]), (name: "DCGAN samples", values: sharpGAN), (name: "VAE samples", values: sharpVAE),
  (name: "VAE reconstr.", values: reconstructionsSharp), (name: "β = 0.01 reconstr.", values: smallBetaSharp),
], dotLabel: "one seed")
crisp[0].yRange = 0...((([sharpReal] + sharpGAN + smallBetaSharp).max() ?? 1) * 1.25)
run.save(crisp, as: "sharpness.png")

//: ![Sharpness](../../figures/chapter-09/sharpness.png)
//:
//: | images | gradient energy (median; range over seeds) |
//: |---|---|
//: | held-out real | {{fact:sharpness real}} |
//: | DCGAN samples | {{fact:sharpness DCGAN}} |
//: | VAE samples | {{fact:sharpness VAE}} |
//: | VAE reconstructions of test images | {{fact:sharpness reconstructions}} |
//: | β = 0.01 reconstructions of the same images | {{fact:sharpness small beta}} |
//:
//: The DCGAN's samples carry {{value:VB-sharp}} times the gradient energy of the VAE's (median
//: of the seeds' ratios); real images {{value:VB-real}} times. The report's reason is that
//: "Unlike variational methods, GANs does not introduce any deterministic bias". The control
//: asked whether that bias is the KL term: the same VAE with its KL term weighted by 0.01
//: reconstructs with {{value:VB-beta}} times the gradient energy of the VAE's reconstructions,
//: so here it is not. What the table shows instead is where the blur lives: the VAE rebuilds a
//: test image with most of a real image's gradient energy, but its samples, decoded from codes
//: drawn from N(0, I), have a fraction of it. A code from the prior falls between the codes of
//: training images, and a decoder trained on squared error draws there the average of the
//: images around it — chapter 5's MSE blur, inside the VAE.

//: ## 5. A map of the latent space
//:
//: A VAE with two latent coordinates can be drawn: the mean code of each test image, coloured
//: by its class.
var twoD = VAERecipe()
twoD.latentDimension = 2
var mapRng = run.generator("networks/2D")
let vae2D = trainAutoencoder(twoD.makeVAE(using: &mapRng), twoD, name: "VAE with 2 latent coordinates", seed: 1)
let mapCount = run.budget(full: 3_000, quick: 500)
let mapCodes = vae2D.encode(test.tensor(at: 0..<mapCount))
var latentMap = Figure(title: "The 2D VAE's mean codes of \(mapCount) test images, by class", panelWidth: 760, panelHeight: 640)
let mapColors: [Color] = Palette.colors + [.gray, Color(r: 140, g: 70, b: 20)]
for c in 0..<10 {
  let rows = (0..<mapCount).filter { test.labels[$0] == c }
  latentMap[0].scatter(rows.map { Double(mapCodes[$0, 0]) }, rows.map { Double(mapCodes[$0, 1]) },
                       label: FashionMNIST.classNames[c], color: mapColors[c], alpha: 0.7, radius: 2.5)
}
latentMap[0].xLabel = "z₁"
latentMap[0].yLabel = "z₂"
run.save(latentMap, as: "latent-map.png")
/// The share of the mapped images whose 5 nearest other codes vote for their own class.
func nearestNeighbourVote(_ labels: [Int]) -> Double {
  let points = (0..<mapCount).map { (Double(mapCodes[$0, 0]), Double(mapCodes[$0, 1])) }
  let hits = (0..<mapCount).filter { i in
    let nearest = (0..<mapCount).filter { $0 != i }
      .map { j in (j, pow(points[i].0 - points[j].0, 2) + pow(points[i].1 - points[j].1, 2)) }
      .sorted { $0.1 < $1.1 }.prefix(5).map { labels[$0.0] }
    let votes = Dictionary(nearest.map { ($0, 1) }, uniquingKeysWith: +)
    return votes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key == labels[i]
  }
  return Double(hits.count) / Double(mapCount)
}
let mapLabels = Array(test.labels[0..<mapCount])
run.note("map vote", nearestNeighbourVote(mapLabels))
run.note("map vote shuffled", nearestNeighbourVote(mapRng.permutation(mapCount).map { mapLabels[$0] }))

//: ![Latent map](../../figures/chapter-09/latent-map.png)
//:
//: The VAE was never told the classes, yet the five nearest codes of an image vote for its own
//: class for a share {{fact:map vote}} of the images; with the classes shuffled among the same
//: codes, {{fact:map vote shuffled}}.

//: ## 6. Faces with known attributes, for chapter 10
//:
//: The course slides end with attribute vectors on CelebA: the mean code of faces with an
//: attribute minus the mean code of faces without it. CelebA cannot be had here, and its labels
//: are the point, so the workbook draws its own faces (`ProceduralFaces`, seeded, drawn at four
//: times the size and averaged down): face shape, size, position, skin and background tone,
//: hair and eye spacing vary from face to face, and six attributes are drawn independently, each
//: with probability ½ — eyeglasses (G), smiling (S), bangs (B), beard (D), hat (H) and an open
//: mouth (O) — each varying in how it looks (a wider or narrower smile, thinner or thicker
//: frames). The instrument that will judge chapter 10's arithmetic is a classifier of the six
//: attributes (`AttributeClassifierRecipe`), trained here on {{fact:face training}} faces and
//: tested on {{fact:face test}} others.
let faceTraining = run.budget(full: 20_000, quick: 2_000)
let faceTest = run.budget(full: 5_000, quick: 500)
run.note("face training", faceTraining)
run.note("face test", faceTest)
let faces = run.attempt("drawing the faces") { try ProceduralFaces.generate(count: faceTraining + faceTest, seed: 2021) }
let trainFaces = faces.faces(at: Array(0..<faceTraining))
let testFaces = faces.faces(at: Array(faceTraining..<(faceTraining + faceTest)))
var sheet = Figure(title: "Procedural faces: G glasses, S smiling, B bangs, D beard, H hat, O mouth open",
                   panelWidth: 1000, panelHeight: 820)
sheet[0].images(testFaces.images, count: 48, columns: 8, valueRange: -1...1,
                captions: (0..<48).map { testFaces.attributes[$0].initialsText })
run.save(sheet, as: "faces.png")

let attributeRecipe = AttributeClassifierRecipe()
let attributeEpochs = run.budget(full: 3, quick: 1)
var attributeRng = run.generator("attribute classifier")
let attributeClassifier = run.attempt("the attribute classifier") {
  try attributeRecipe.train(on: AttributeLabelledImages(images: trainFaces.images, attributes: trainFaces.attributeMatrix),
                            epochs: attributeEpochs, using: &attributeRng)
}
let attributeAccuracies = attributeClassifier.accuracies(on: AttributeLabelledImages(images: testFaces.images, attributes: testFaces.attributeMatrix))
run.record("AC-acc", attributeAccuracies.min()!)
run.note("attribute accuracies", zip(FaceAttributes.names, attributeAccuracies).map { "\($0) \(NumberText.compact($1))" }.joined(separator: ", "))

//: ![Faces](../../figures/chapter-09/faces.png)
//:
//: Per attribute, on the held-out faces: {{fact:attribute accuracies}}.
//:
//: The autoencoder and the VAE learn the faces as they learnt Fashion-MNIST: the same networks
//: at 32 × 32, with {{fact:face latent}} latent coordinates, {{fact:face epochs}} epochs on the
//: training faces (seed 1). The attribute classifier's features serve the faces as chapter 6's
//: classifier serves Fashion-MNIST: the Fréchet distance to {{fact:face evaluated}} held-out
//: faces is {{fact:faces FD autoencoder}} for the autoencoder's decoded random codes,
//: {{fact:faces FD VAE}} for the VAE's samples and {{fact:faces FD real}} for other real faces.
var faceRecipe = VAERecipe()
faceRecipe.imageSide = 32
faceRecipe.latentDimension = 32
let faceEpochs = run.epochs(full: 3, quick: 1)
run.note("face latent", faceRecipe.latentDimension)
run.note("face epochs", faceEpochs)
var faceRng = run.generator("networks/faces")
let faceVAE = trainAutoencoder(faceRecipe.makeVAE(using: &faceRng), faceRecipe, name: "VAE on faces", seed: 1,
                               on: trainFaces.images, epochs: faceEpochs)
let faceAutoencoder = trainAutoencoder(faceRecipe.makeAutoencoder(using: &faceRng), faceRecipe, name: "autoencoder on faces", seed: 1,
                                       on: trainFaces.images, epochs: faceEpochs)
let faceEvaluated = min(evaluated, faceTest / 2)
let heldOutFaces = testFaces.images.rows(0..<faceEvaluated)
let heldOutFaceFeatures = attributeClassifier.features(heldOutFaces)
@MainActor func faceFD(_ t: Tensor) -> Double { frechetDistance(attributeClassifier.features(t), heldOutFaceFeatures) }
let faceCodes = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: faceEvaluated, columns: faceRecipe.latentDimension, using: &faceRng)
let faceVAESamples = faceVAE.decode(faceCodes)
let faceAutoencoderSamples = faceAutoencoder.decode(faceCodes)
run.note("face evaluated", faceEvaluated)
run.note("faces FD autoencoder", faceFD(faceAutoencoderSamples))
run.note("faces FD VAE", faceFD(faceVAESamples))
run.note("faces FD real", faceFD(testFaces.images.rows(faceEvaluated..<(2 * faceEvaluated))))

var facePictures = Figure(title: "Faces, seed 1: reconstructions and decoded codes z ~ N(0, I)",
                          rows: 5, columns: 1, panelWidth: 760, panelHeight: 130)
let shownFaces = heldOutFaces.rows(0..<10)
let facePanels: [(String, Tensor)] = [
  ("held-out faces", shownFaces), ("autoencoder: reconstructions", faceAutoencoder.reconstruct(shownFaces)),
  ("VAE: reconstructions", faceVAE.reconstruct(shownFaces)),
  ("autoencoder: decoded z ~ N(0, I)", faceAutoencoderSamples.rows(0..<10)), ("VAE: decoded z ~ N(0, I)", faceVAESamples.rows(0..<10)),
]
for (k, (title, t)) in facePanels.enumerated() {
  facePictures[k].title = title
  facePictures[k].images(t, columns: 10, valueRange: -1...1)
}
run.save(facePictures, as: "faces-reconstructions.png")

//: ![Faces: reconstructions and samples](../../figures/chapter-09/faces-reconstructions.png)

//: ## Try it
//:
//: - Raise the VAE's latent dimension (`vaeRecipe.latentDimension = 64`) or lower σₓ
//:   (`vaeRecipe.pixelNoise = 0.1`, the same as a smaller β): do the samples get crisper, and
//:   what happens to the FD of its samples?
//: - Give the autoencoder's random codes the mean and spread of its own codes of the training
//:   images instead of N(0, I): does VA-ae still hold?
//: - `--export-samples samples.idx.gz` writes the seed-1 VAE's samples.
run.exportSamples(vaeSamples[0])

run.finish()
