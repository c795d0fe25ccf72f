import Foundation
import Lessons
import Math
import Workbook

// `make bench`: the workbook's speed and memory, side by side with the references, as ratios
// measured in one run. Each measurement runs in its own process (`bench item NAME`) so that its
// peak resident memory is its own; the parent collects the lines, runs the references and
// writes bench/RESULTS.md.

/// Peak resident set size of this process in MiB (VmHWM of /proc/self/status).
func peakMemoryMiB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kB = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return .nan }
  return kB / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let clock = ContinuousClock()
  let start = clock.now
  try body()
  return (clock.now - start).inSeconds
}

/// One measurement, printed by a child as a single line `key=value …`.
func report(_ fields: KeyValuePairs<String, String>) {
  print((fields.map { "\($0.key)=\($0.value)" } + ["peak_mib=\(String(format: "%.1f", peakMemoryMiB()))"]).joined(separator: " "))
}

// MARK: - Items (child processes)

/// The chapter 3 recipe, full 300 epochs, one BLAS thread as the chapters run it.
func recipeItem(epochs: Int, seed: UInt64) throws {
  BLAS.setThreadCount(1)
  Allocator.retainFreedMemory()
  var rng = SeededGenerator(seed: seed)
  let data = SineCurve.sample(1024, using: &rng)
  let recipe = SineGANRecipe()
  var gan: GAN?
  let t = try seconds { gan = try recipe.train(on: data, epochs: epochs, using: &rng) }
  let steps = epochs * 1024 / recipe.training.batchSize
  let samples = gan!.sample(1000, using: &rng)
  report(["item": "recipe", "seconds": String(format: "%.3f", t), "steps": "\(steps)",
          "checksum": checksum(gan!.generator.parameters + gan!.discriminator.parameters),
          "us_per_step": String(format: "%.1f", t / Double(steps) * 1e6),
          "mean_abs_err": String(format: "%.3f", SineCurve.meanDistance(samples))])
}

/// FNV-1a of the bit patterns of every parameter: equal checksums mean bit-identical training,
/// so an optimization that must not change any number can be checked with one run.
func checksum(_ parameters: [Variable]) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for p in parameters {
    for x in p.value.scalars {
      hash = (hash ^ UInt64(x.bitPattern)) &* 0x100_0000_01b3
    }
  }
  return String(hash, radix: 16)
}

/// One training step of an MLP widths [width, width, width, 1] on a batch: forward, backward, Adam.
func mlpItem(batch: Int, width: Int) {
  BLAS.setThreadCount(1)
  Allocator.retainFreedMemory()
  var rng = SeededGenerator(seed: 1)
  let model = Sequential.perceptron([width, width, width, 1], using: &rng).fused()
  var optimizer = Adam(model.parameters)
  let x = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: batch, columns: width, using: &rng)
  let y = Tensor(zeros: [batch, 1])
  func step() {
    binaryCrossEntropy(logits: model(Variable(x), training: true), targets: y).backward()
    optimizer.step()
  }
  for _ in 0..<5 { step() }
  var reps = 0
  let t = seconds { while reps < 20 || (reps < 2000 && reps * batch * width * width < 400_000_000) { step(); reps += 1 } }
  report(["item": "mlp", "batch": "\(batch)", "width": "\(width)", "us_per_step": String(format: "%.1f", t / Double(reps) * 1e6)])
}

/// Square matrix products through `Tensor.matmul`, default BLAS threads.
func gemmItem(size n: Int) {
  Allocator.retainFreedMemory()  // as the chapters run: a 1024² product is 4 MiB, above glibc's default mmap size
  var rng = SeededGenerator(seed: 2)
  let a = Distribution1D.uniform(low: 0, high: 1).tensor(rows: n, columns: n, using: &rng)
  let b = Distribution1D.uniform(low: 0, high: 1).tensor(rows: n, columns: n, using: &rng)
  _ = Tensor.matmul(a, b)
  // Like gemm_direct.c: repeat for at least 0.3 s.
  var (reps, t) = (0, 0.0)
  let clock = ContinuousClock()
  let start = clock.now
  repeat {
    _ = Tensor.matmul(a, b)
    reps += 1
    t = (clock.now - start).inSeconds
  } while t < 0.3
  report(["item": "gemm", "size": "\(n)", "gflops": String(format: "%.2f", 2 * Double(n * n * n * reps) / t / 1e9)])
}

// MARK: - The parent: run everything, compare, write the table

func runProcess(_ path: String, _ arguments: [String], environment: [String: String]? = nil) -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.standardError
  do { try process.run() } catch { return (127, "") }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Parses `key=value` words of the last line that has them.
func fields(_ text: String) -> [String: String] {
  var result: [String: String] = [:]
  for word in text.split(whereSeparator: \.isWhitespace) {
    let parts = word.split(separator: "=", maxSplits: 1)
    if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
  }
  return result
}

/// Runs `bench item ARGUMENTS…` in a child process and returns its fields (empty when it failed).
func item(_ arguments: [String]) -> [String: String] {
  Job(label: arguments.joined(separator: " "), path: CommandLine.arguments[0], arguments: ["item"] + arguments).run()
}

/// Where the numbers were measured: the processor, its vector extensions, OpenBLAS's core.
func machineFacts() -> [String] {
  let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  let cpu = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
  let flags = Set(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?
    .split(separator: ":", maxSplits: 1).last?.split(separator: " ").map(String.init) ?? [])
  let vector = flags.contains("avx512f") ? "AVX2, AVX-512" : flags.contains("avx2") ? "AVX2, no AVX-512" : "no AVX2"
  return [
    "CPU: \(cpu) (\(vector)), \(ProcessInfo.processInfo.activeProcessorCount) cores",
    "OpenBLAS core: \(BLAS.coreName) (chosen by OpenBLAS for this processor; the workbook picks its product tuning per machine by timing, see bench/PERFORMANCE.md)",
    "OpenBLAS threads: 1 for the recipe and MLP steps (as the chapters run), default (\(ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "all cores")) for GEMM",
    "Date: \(ISO8601DateFormatter().string(from: Date()))",
  ]
}

func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let n = sorted.count
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

/// The number that follows `label` in `text` ("… steps: 2.754 s" → 2.754).
func number(in text: String, after label: String) -> Double? {
  guard let range = text.range(of: label) else { return nil }
  return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." })
}

/// What the two floors say about threads, from their measured times.
func twoThreadNote(_ one: Double?, _ two: Double?) -> String {
  guard let one, let two else { return "the floors were not measured." }
  return two > one
    ? String(format: "on these small products OpenBLAS with two threads (%.2f s) is slower than with one (%.2f s).", two, one)
    : String(format: "OpenBLAS with two threads (%.2f s) beats one (%.2f s) here, so a second core could help.", two, one)
}

/// GFLOP/s of OpenBLAS called from C (gemm_direct prints "n GFLOP/s") at one square size.
func directRate(_ path: String, size n: Int, environment: [String: String]? = nil) -> Double? {
  runProcess(path, ["\(n)"], environment: environment).output.split(separator: " ").last
    .flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
}

/// A line saying how busy the machine was as a section started: the share of the processors'
/// time that other programs used over one second (from /proc/stat), so that a reader can tell
/// a quiet measurement from one taken beside other work, which makes every time slower.
func loadLine() -> String {
  func busyAndTotal() -> (busy: Double, total: Double)? {
    guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
      let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
    else { return nil }
    // user nice system idle iowait irq softirq steal …: idle and iowait are the idle time.
    let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard ticks.count >= 5 else { return nil }
    let total = ticks.prefix(8).reduce(0, +)
    return (total - ticks[3] - ticks[4], total)
  }
  guard let before = busyAndTotal() else { return "" }
  sleep(1)
  guard let after = busyAndTotal(), after.total > before.total else { return "" }
  let share = (after.busy - before.busy) / (after.total - before.total)
  let cores = ProcessInfo.processInfo.activeProcessorCount
  let busy = share > 0.1 ? " — other work was running, so the times below are slower than on a quiet machine" : ""
  return String(format: "Load as this section started: other programs used %.0f %% of the %d cores over one second%@.",
                share * 100, cores, busy)
}

func ratio(_ a: Double?, _ b: Double?) -> String {
  guard let a, let b, a > 0, b > 0 else { return "—" }
  return String(format: "%.2f×", a / b)
}

func parent(buildFolder: String, only: String? = nil) throws {
  let machine = machineFacts()
  if only == "images" {
    // `bench --only images`: section 4 alone, printed, bench/RESULTS.md untouched.
    print((imageSection()).joined(separator: "\n"))
    return
  }
  print(machine.joined(separator: "\n"))
  var lines: [String] = ["# Benchmarks", "", "Written by `make bench`; every number below was measured in one run on one machine.", ""]
  lines += machine.map { "- \($0)" } + [""]

  // 1. The chapter 3 recipe beside PyTorch (RecipeSection.swift).
  let recipeLoad = loadLine()
  lines += recipeSection(buildFolder: buildFolder)
  lines.insert(contentsOf: [recipeLoad, ""], at: lines.firstIndex { $0.hasPrefix("## 1.") }! + 2)

  // 2. One MLP step.
  lines += ["## 2. One MLP training step (widths [w, w, w, 1], forward + backward + Adam, 1 thread)", "", loadLine(), "",
            "| batch | width | µs per step | peak MiB |", "|---|---|---|---|"]
  for batch in [32, 64, 256] {
    for width in [64, 256, 1024] {
      let r = item(["mlp", "\(batch)", "\(width)"])
      lines.append("| \(batch) | \(width) | \(r["us_per_step"] ?? "—") | \(r["peak_mib"] ?? "—") |")
    }
  }
  lines.append("")

  // 3. GEMM throughput, ours vs OpenBLAS from C: interleaved, best of five each, because a
  // shared virtual machine's speed drifts between measurements (best of three once put one
  // size at 0.79× where the others were at 0.94–1.36×).
  let sizes = [64, 128, 256, 512, 1024]
  let attempts = 5
  let directPath = "\(buildFolder)/gemm_direct"
  let haveDirect = FileManager.default.isExecutableFile(atPath: directPath)
  lines += ["## 3. GEMM throughput (square, GFLOP/s, best of \(attempts), interleaved)", "", loadLine(), "",
            "| n | Tensor.matmul | OpenBLAS from C | ours / C | peak MiB |", "|---|---|---|---|---|"]
  for n in sizes {
    var (ours, direct, peak): (Double?, Double?, String?) = (nil, nil, nil)
    for _ in 0..<attempts {
      let r = item(["gemm", "\(n)"])
      if let g = r["gflops"].flatMap(Double.init) { ours = max(ours ?? 0, g) }
      peak = r["peak_mib"] ?? peak
      if haveDirect, let g = directRate(directPath, size: n) { direct = max(direct ?? 0, g) }
    }
    lines.append("| \(n) | \(ours.map { String(format: "%.2f", $0) } ?? "—") | \(direct.map { String(format: "%.2f", $0) } ?? "—") | \(ratio(ours, direct)) | \(peak ?? "—") |")
  }
  lines.append("")

  // 4. The image core beside PyTorch (ImageSection.swift).
  lines += imageSection()

  // 5. Chapter run times, from their last full runs.
  lines += ["## 5. Chapter full runs (seconds of the last full run, from results/chapter-NN.json)", "", "| chapter | seconds |", "|---|---|"]
  for n in 1...99 {
    let url = URL(fileURLWithPath: "results/chapter-\(String(format: "%02d", n)).json")
    guard let results = try? ChapterResults.load(from: url) else { continue }
    lines.append("| \(n) \(results.title) | \(String(format: "%.1f", results.run.seconds)) |")
  }
  lines.append("")

  let text = lines.joined(separator: "\n")
  print(text)
  try AtomicFile.write(text, to: URL(fileURLWithPath: "bench/RESULTS.md"))
  StandardError.write("bench: wrote bench/RESULTS.md\n")
}

// MARK: - Entry

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch arguments.first {
  case "item":
    switch arguments.dropFirst().first {
    case "recipe": try recipeItem(epochs: Int(arguments[2]) ?? 300, seed: arguments.count > 3 ? UInt64(arguments[3]) ?? 111 : 111)
    case "mlp": mlpItem(batch: Int(arguments[2])!, width: Int(arguments[3])!)
    case "gemm": gemmItem(size: Int(arguments[2])!)
    case "dcgan": try dcganItem(steps: Int(arguments[2]) ?? 30, threads: arguments.count > 3 ? Int(arguments[3]) ?? 2 : 2)
    case "bn": batchNormItem(name: arguments[2], threads: arguments.count > 3 ? Int(arguments[3]) ?? 2 : 2)
    case "conv": convolutionItem(name: arguments[2], threads: arguments.count > 3 ? Int(arguments[3]) ?? 2 : 2)
    case "vae": try vaeItem(epochs: Int(arguments[2]) ?? 1, latent: arguments.count > 3 ? Int(arguments[3]) ?? 16 : 16,
                            threads: arguments.count > 4 ? Int(arguments[4]) ?? 2 : 2)
    default: StandardError.write("bench item: expected recipe EPOCHS [SEED], mlp BATCH WIDTH, gemm SIZE, conv D1|D2|G1|G2 [THREADS], bn D2|G1|F [THREADS], dcgan STEPS [THREADS] or vae EPOCHS LATENT [THREADS]\n"); exit(2)
    }
  case nil: try parent(buildFolder: ".build/bench")
  case "--build-folder": try parent(buildFolder: arguments.count > 1 ? arguments[1] : ".build/bench")
  case "--only" where arguments.count == 2 && arguments[1] == "images": try parent(buildFolder: ".build/bench", only: "images")
  default:
    StandardError.write("usage: bench [--build-folder DIR]   (make bench runs it)\n       bench --only images   (section 4 alone, printed; make bench-images)\n       bench item recipe EPOCHS [SEED] | mlp BATCH WIDTH | gemm SIZE | conv D1|D2|G1|G2 [THREADS] | bn D2|G1|F [THREADS] | dcgan STEPS [THREADS] | vae EPOCHS LATENT [THREADS]\n")
    exit(arguments.first == "--help" ? 0 : 2)
  }
} catch {
  StandardError.write("bench: \(error)\n")
  exit(1)
}
