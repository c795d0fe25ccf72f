import Foundation
import Lessons
import Math
import Workbook

// Section 4 of `make bench`: the image core beside PyTorch — the DCGAN chapter's four
// convolutions (forward + backward) and one whole DCGAN training step on Fashion-MNIST batches,
// each against bench/reference/ref_conv.py and ref_dcgan.py in the same run. Both sides use
// both cores (OpenBLAS with two threads; PyTorch's default of one thread per core).

/// The four convolutions of the DCGAN at batch 64 (kernel 4, stride 2, padding 1), named as in
/// ref_conv.py: D's two convolutions and G's two transposed convolutions.
let convolutionShapes: [(name: String, transposed: Bool, channels: Int, outputs: Int, size: Int)] = [
  ("D1", false, 1, 64, 28), ("D2", false, 64, 128, 14), ("G1", true, 128, 64, 7), ("G2", true, 64, 1, 14),
]

/// Forward and backward of one of `convolutionShapes` (gradients for the input, the kernel and
/// the bias from an all-ones output gradient, as ref_conv.py does): median microseconds.
func convolutionItem(name: String, threads: Int) {
  let shape = named(name, in: convolutionShapes, \.name, item: "conv")
  prepareItem(threads: threads)
  var rng = SeededGenerator(seed: 3)
  func draw(_ s: [Int]) -> Variable { standardNormal(s, using: &rng) }
  let x = draw([64, shape.channels, shape.size, shape.size])
  let w = draw(shape.transposed ? [shape.channels, shape.outputs, 4, 4] : [shape.outputs, shape.channels, 4, 4])
  let b = draw([shape.outputs])
  func run() {
    let y = shape.transposed
      ? x.transposedConvolution(weight: w, bias: b, stride: 2, padding: 1)
      : x.convolution(weight: w, bias: b, stride: 2, padding: 1)
    y.backward(seed: Tensor(repeating: 1, shape: y.shape))
    [x, w, b].forEach { $0.zeroGradient() }
  }
  for _ in 0..<5 { run() }
  let times = (0..<30).map { _ in seconds(run) }
  report(["item": "conv", "name": name, "us": String(format: "%.0f", (median(times) ?? .nan) * 1e6)])
}

/// One training step of the DCGAN (`DCGANRecipe`, the networks of ref_dcgan.py) on Fashion-MNIST
/// batches of 64 taken in order, as ref_dcgan.py takes them: the discriminator's step on a real
/// and a generated batch and the generator's step, each with its Adam update, through the one
/// `AdversarialTrainer`. Microseconds per step after five warm-up steps.
func dcganItem(steps: Int, threads: Int) throws {
  prepareItem(threads: threads)
  var images = Tensor(zeros: [0])
  // All 70,000 images: both splits read, checked and scaled to [−1, 1].
  let load = try seconds {
    images = try FashionMNIST.load(.train).tensor()
    _ = try FashionMNIST.load(.test).tensor()
  }
  var rng = SeededGenerator(seed: 4)
  let recipe = DCGANRecipe()
  let gan = recipe.makeGAN(using: &rng)
  var trainer = AdversarialTrainer(gan: gan, training: recipe.training)
  let (n, b) = (images.rows, recipe.training.batchSize)
  func step(_ i: Int) throws {
    let start = (i * b) % (n - b)
    _ = try trainer.train(on: images.rows(start..<(start + b)), using: &rng)
  }
  for i in 0..<5 { try step(i) }
  let t = try seconds { for i in 0..<steps { try step(i) } }
  report(["item": "dcgan", "steps": "\(steps)", "us_per_step": String(format: "%.0f", t / Double(steps) * 1e6),
          "epoch_s": String(format: "%.1f", t / Double(steps) * Double(n) / Double(b)),
          "load_s": String(format: "%.2f", load),
          "checksum": checksum(gan.generator.parameters + gan.discriminator.parameters)])
}

/// Section 4 of bench/RESULTS.md: the convolutions and the DCGAN step, ours and PyTorch's
/// alternately, `rounds` times each; the medians and their ratio.
func imageSection(rounds: Int = 3) -> [String] {
  var lines = ["## 4. The image core: convolutions and one DCGAN step beside PyTorch (batch 64, 2 threads each)", "",
               loadLine(), ""]
  guard (try? FashionMNIST.load(.train)) != nil else {
    return lines + ["Fashion-MNIST is not installed (`make setup` installs dataset-fashion-mnist): section skipped.", ""]
  }
  let haveTorch = FileManager.default.isExecutableFile(atPath: ".bench-venv/bin/python")
  let workbook = CommandLine.arguments[0]
  var (ours, theirs): ([String: [Double]], [String: [Double]]) = ([:], [:])
  var (ourPeak, theirPeak): (String?, String?) = (nil, nil)
  var torchVersion = "—"
  var loads: [Double] = []
  for _ in 0..<rounds {
    for shape in convolutionShapes {
      let r = Job(label: "workbook, convolution \(shape.name)", path: workbook, arguments: ["item", "conv", shape.name]).run()
      if let us = r["us"].flatMap(Double.init) { ours[shape.name, default: []].append(us) }
    }
    let r = Job(label: "workbook, DCGAN step", path: workbook, arguments: ["item", "dcgan", "30"]).run()
    if let us = r["us_per_step"].flatMap(Double.init) { ours["DCGAN", default: []].append(us) }
    ourPeak = r["peak_mib"] ?? ourPeak
    if let l = r["load_s"].flatMap(Double.init) { loads.append(l) }
    guard haveTorch else { continue }
    let conv = runProcess(".bench-venv/bin/python", ["bench/reference/ref_conv.py"])
    for line in conv.output.split(separator: "\n") {
      let f = fields(String(line))
      if let name = f["name"], let us = f["us"].flatMap(Double.init) { theirs[name, default: []].append(us) }
    }
    let t = Job(label: "PyTorch, DCGAN step", path: ".bench-venv/bin/python", arguments: ["bench/reference/ref_dcgan.py", "30"]).run()
    if let us = t["us_per_step"].flatMap(Double.init) { theirs["DCGAN", default: []].append(us) }
    theirPeak = t["peak_mib"] ?? theirPeak
    torchVersion = t["version"] ?? torchVersion
  }
  func cell(_ v: [Double]?) -> String { median(v ?? []).map { String(format: "%.0f", $0) } ?? "—" }
  lines += ["PyTorch \(torchVersion). Median microseconds over \(rounds) interleaved rounds (a convolution: median of 30 repeats of forward + backward with gradients for input, kernel and bias; the DCGAN step: 30 steps after 5 warm-up steps, the D and G updates with Adam, on Fashion-MNIST batches taken in order).", "",
            "| measurement | workbook µs | PyTorch µs | workbook / PyTorch |", "|---|---|---|---|"]
  let names = ["D1": "D's conv 1→64, 28→14", "D2": "D's conv 64→128, 14→7", "G1": "G's conv-transpose 128→64, 7→14",
               "G2": "G's conv-transpose 64→1, 14→28", "DCGAN": "**one DCGAN training step**"]
  for key in convolutionShapes.map(\.name) + ["DCGAN"] {
    lines.append("| \(names[key]!) | \(cell(ours[key])) | \(cell(theirs[key])) | \(ratio(median(ours[key] ?? []), median(theirs[key] ?? []))) |")
  }
  lines += ["", "Loading Fashion-MNIST (all 70,000 images: both splits read from their gzip files, checked, and scaled to [−1, 1]): \(median(loads).map { String(format: "%.2f s", $0) } ?? "—") (median of the rounds).",
            "", "Peak resident memory of the DCGAN step's process: workbook \(ourPeak ?? "—") MiB, PyTorch \(theirPeak ?? "—") MiB (which includes the Python interpreter and PyTorch's libraries).", ""]
  return lines
}

/// Whole epochs of the chapter 9 VAE (`VAERecipe` with `latent` coordinates, batch 64) on the
/// 60,000 Fashion-MNIST training images through `VAERecipe.train`: seconds per epoch (what a
/// chapter's full run budgets with), the last epoch's mean loss terms and the root-mean-square
/// error of the reconstructions of the first 1,000 test images. Not part of `make bench`'s
/// tables: `bench item vae EPOCHS LATENT [THREADS]`.
func vaeItem(epochs: Int, latent: Int, threads: Int) throws {
  prepareItem(threads: threads)
  let images = try FashionMNIST.load(.train).tensor()
  let test = try FashionMNIST.load(.test).tensor(at: 0..<1000)
  var rng = SeededGenerator(seed: 9)
  var recipe = VAERecipe()
  recipe.latentDimension = latent
  let vae = recipe.makeVAE(using: &rng)
  var epochSeconds: [Double] = []
  var last = AutoencoderLosses(reconstruction: .nan, kl: nil)
  let clock = ContinuousClock()
  var start = clock.now
  try recipe.train(vae, on: images, epochs: epochs, using: &rng, onEpoch: { epoch, losses in
    epochSeconds.append((clock.now - start).inSeconds)
    start = clock.now
    last = losses
    StandardError.write("vae epoch \(epoch): \(String(format: "%.1f", epochSeconds.last!)) s, reconstruction \(losses.reconstruction), KL \(losses.kl ?? .nan)\n")
  })
  let error = vae.reconstruct(test) - test
  let rmse = (error.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(error.count)).squareRoot()
  report(["item": "vae", "latent": "\(latent)", "epochs": "\(epochs)",
          "epoch_s": epochSeconds.map { String(format: "%.1f", $0) }.joined(separator: ","),
          "reconstruction": String(format: "%.1f", last.reconstruction), "kl": String(format: "%.2f", last.kl ?? .nan),
          "test_rmse": String(format: "%.4f", rmse)])
}

/// Batch normalisations at batch 64: the DCGAN's two shapes, named by where they sit (D's after
/// its second convolution, the same shape as G's first; G's after its first transposed
/// convolution), and `F`, a BatchNorm1d of 6,272 features (as after a dense layer; no chapter's
/// model has one yet).
let batchNormShapes: [(name: String, shape: [Int])] = [
  ("D2", [64, 128, 7, 7]), ("G1", [64, 64, 14, 14]), ("F", [64, 6272]),
]

/// Training-mode batch normalisation of one of `batchNormShapes`, forward and backward (an
/// all-ones output gradient): median microseconds of 50.
func batchNormItem(name: String, threads: Int) {
  let shape = named(name, in: batchNormShapes, \.name, item: "bn").shape
  prepareItem(threads: threads)
  var rng = SeededGenerator(seed: 5)
  let x = standardNormal(shape, using: &rng)
  let (scale, offset) = (Variable(Tensor(repeating: 1, shape: [shape[1]]), requiresGradient: true),
                         Variable(Tensor(repeating: 0, shape: [shape[1]]), requiresGradient: true))
  func run() {
    let y = x.batchNormalized(scale: scale, offset: offset).output
    y.backward(seed: Tensor(repeating: 1, shape: y.shape))
    [x, scale, offset].forEach { $0.zeroGradient() }
  }
  for _ in 0..<5 { run() }
  let times = (0..<50).map { _ in seconds(run) }
  report(["item": "bn", "name": name, "us": String(format: "%.0f", (median(times) ?? .nan) * 1e6)])
}

/// The entry of `list` called `name`, or the end of the item with a message that lists the names.
func named<Entry>(_ name: String, in list: [Entry], _ key: KeyPath<Entry, String>, item: String) -> Entry {
  guard let entry = list.first(where: { $0[keyPath: key] == name }) else {
    StandardError.write("bench item \(item): no shape \(name); shapes: \(list.map { $0[keyPath: key] })\n")
    exit(2)
  }
  return entry
}

/// What an image item runs with: `threads` batch workers, freed memory kept for reuse.
func prepareItem(threads: Int) {
  BatchWorkers.set(threads)
  Allocator.retainFreedMemory()
}

/// A variable of `shape` (with a gradient) of standard normal draws.
func standardNormal(_ shape: [Int], using rng: inout SeededGenerator) -> Variable {
  Variable(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 1, columns: shape.reduce(1, *), using: &rng).reshaped(shape),
           requiresGradient: true)
}
