import Foundation
import Math
import Synchronization
import Workbook

// Section 1 of bench/RESULTS.md: the chapter 3 recipe beside the PyTorch reference, in time
// (five seeds, interleaved) and in sample quality (twenty seeds).

/// The seeds whose runs are timed: one training's time and final samples vary from seed to seed,
/// and a shared machine's speed drifts (PyTorch's time went from 32 s to 45 s between runs on
/// this project's machine), so one of each is not enough.
let timedSeeds = [111, 112, 113, 114, 115]
/// The seeds over which sample quality is compared: the timed ones and fifteen more. One run's
/// final error is a noisy figure: over seeds 111–160, a fifth of the runs of either
/// implementation end above 0.1, so five seeds can put the median there by chance (it happens
/// to about 6 % of sets of five).
let qualitySeeds = Array(111...130)

/// One child process to run, named on the progress lines: the path, its arguments, extra
/// environment.
struct Job: Sendable {
  let label: String
  let path: String
  let arguments: [String]
  var environment: [String: String]? = nil
}

extension Job {
  /// The workbook's recipe at `seed` in a child process of this executable (`bench item`).
  static func ours(seed: Int) -> Job {
    Job(label: "workbook, seed \(seed)", path: CommandLine.arguments[0], arguments: ["item", "recipe", "300", "\(seed)"])
  }

  /// The PyTorch reference at `seed`, on its default thread count or on `threads`.
  static func torch(seed: Int, threads: Int? = nil) -> Job {
    Job(label: "PyTorch\(threads.map { " on \($0) thread\($0 == 1 ? "" : "s")" } ?? ""), seed \(seed)",
        path: ".bench-venv/bin/python", arguments: ["bench/reference/ref_sin_gan.py", "300", "\(seed)"],
        environment: threads.map { ["OMP_NUM_THREADS": "\($0)"] })
  }

  /// Runs the job and parses its `key=value` line; empty when it failed.
  func run() -> [String: String] {
    StandardError.write("bench: \(label) …\n")
    let (status, output) = runProcess(path, arguments, environment: environment)
    guard status == 0 else {
      StandardError.write("bench: \(label) failed with status \(status)\n")
      return [:]
    }
    var result = fields(output)
    if output.hasPrefix("torch "), let version = output.split(separator: " ").dropFirst().first {
      result["version"] = String(version)  // "torch 2.13.0+cpu seed=… …"
    }
    return result
  }
}

/// Runs `jobs` two at a time, one per core, and returns their results in the jobs' order. For
/// runs that are not timed: two trainings side by side slow each other down.
func runTwoAtATime(_ jobs: [Job]) -> [[String: String]] {
  let next = Mutex(0)
  let results = Mutex([[String: String]](repeating: [:], count: jobs.count))
  DispatchQueue.concurrentPerform(iterations: 2) { _ in
    while true {
      let index = next.withLock { i in
        defer { i += 1 }
        return i
      }
      guard index < jobs.count else { return }
      let result = jobs[index].run()
      results.withLock { $0[index] = result }
    }
  }
  return results.withLock { $0 }
}

/// Section 1: times on the timed seeds, run in turn so that every implementation sees the same
/// drift of the machine's speed, the OpenBLAS floors, and sample quality over `qualitySeeds`.
func recipeSection(buildFolder: String) -> [String] {
  let haveTorch = FileManager.default.isExecutableFile(atPath: ".bench-venv/bin/python")
  if !haveTorch {
    StandardError.write("bench: no .bench-venv: skipping the PyTorch reference (make bench-venv installs it)\n")
  }
  var (ours, torch, torchOneThread): ([[String: String]], [[String: String]], [[String: String]]) = ([], [], [])
  for seed in timedSeeds {
    ours.append(Job.ours(seed: seed).run())
    guard haveTorch else { continue }
    torch.append(Job.torch(seed: seed).run())
    torchOneThread.append(Job.torch(seed: seed, threads: 1).run())
  }
  let torchVersion = torch.first?["version"] ?? "(version unknown)"

  var floor: [Int: (seconds: Double, megaflops: Double)] = [:]
  let floorPath = "\(buildFolder)/gemm_floor_sine"
  if FileManager.default.isExecutableFile(atPath: floorPath) {
    for threads in [1, 2] {
      StandardError.write("bench: OpenBLAS floor of the recipe (\(threads) thread\(threads == 1 ? "" : "s")) …\n")
      let out = runProcess(floorPath, [], environment: ["OPENBLAS_NUM_THREADS": "\(threads)"]).output
      if let s = number(in: out, after: "steps: "), let f = number(in: out, after: "us/step, ") {
        floor[threads] = (s, f)
      }
    }
  }
  // The products alone at the best rate one core reaches (a 512 × 512 GEMM): no single-threaded
  // implementation trains the recipe faster than this.
  var coreBound: (seconds: Double, gflops: Double)?
  let directPath = "\(buildFolder)/gemm_direct"
  if let megaflops = floor[1]?.megaflops, FileManager.default.isExecutableFile(atPath: directPath) {
    let rates = (0..<3).compactMap { _ in directRate(directPath, size: 512, environment: ["OPENBLAS_NUM_THREADS": "1"]) }
    if let best = rates.max() { coreBound = (megaflops * 1e6 * 9600 / (best * 1e9), best) }
  }

  // Sample quality: the seeds not timed, untimed and two at a time. PyTorch runs on one thread
  // there, which trains the same numbers as two (the timed runs show whether it did).
  let untimed = qualitySeeds.filter { !timedSeeds.contains($0) }
  let extra = runTwoAtATime(untimed.map { Job.ours(seed: $0) } + (haveTorch ? untimed.map { Job.torch(seed: $0, threads: 1) } : []))
  let oursQuality = column(ours, "mean_abs_err") + column(Array(extra.prefix(untimed.count)), "mean_abs_err")
  let torchQuality = haveTorch ? column(torch, "mean_abs_err") + column(Array(extra.dropFirst(untimed.count)), "mean_abs_err") : []

  func perSeed(_ values: [Double], _ format: String) -> String {
    values.isEmpty ? "—" : values.map { String(format: format, $0) }.joined(separator: ", ")
  }
  func formatted(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "—" }
  func timedRow(_ name: String, _ runs: [[String: String]], peak: Bool) -> String {
    let seconds = column(runs, "seconds")
    let errors = column(runs, "mean_abs_err")
    return "| \(name) | \(formatted(median(seconds), "%.2f")) (\(perSeed(seconds, "%.2f"))) | \(formatted(median(seconds).map { $0 / 9600 * 1e6 }, "%.0f")) | \(formatted(median(errors), "%.3f")) (\(perSeed(errors, "%.3f"))) | \(peak ? formatted(column(runs, "peak_mib").max(), "%.1f") : "—") |"
  }
  let (oursSeconds, torchSeconds, torchOneSeconds) = (median(column(ours, "seconds")), median(column(torch, "seconds")), median(column(torchOneThread, "seconds")))
  let megaflops = floor[1].map { String(format: "%.1f", $0.megaflops) } ?? "about 21"

  var lines = [
    "## 1. The chapter 3 recipe (300 epochs, 9,600 steps of batch 32)", "",
    "### Time", "",
    "Seeds \(timedSeeds.map(String.init).joined(separator: ", ")) for each (the same numbers, not the same draws: the generators differ), run in turn (ours, PyTorch, PyTorch on one thread, ours, …) so that all see the same drift of the machine's speed; medians, with every seed's figure after them.", "",
    "| implementation | median seconds (per seed) | µs per step | median mean \\|x̃₂ − sin x̃₁\\| (per seed) | peak MiB |",
    "|---|---|---|---|---|",
    timedRow("workbook (Swift, 1 thread)", ours, peak: true),
  ] + (haveTorch ? [
    timedRow("PyTorch \(torchVersion) (\(torch.first?["threads"] ?? "—") threads), the reference", torch, peak: false),
    timedRow("PyTorch \(torchVersion) on 1 thread", torchOneThread, peak: false),
  ] : ["| PyTorch: not installed (`make bench-venv`) | — | — | — | — |"])
  for threads in [1, 2] {
    guard let f = floor[threads] else { continue }
    lines.append("| OpenBLAS GEMM floor (products only, \(threads) thread\(threads == 1 ? "" : "s")) | \(String(format: "%.2f", f.seconds)) | \(String(format: "%.0f", f.seconds / 9600 * 1e6)) | — | — |")
  }
  if let coreBound {
    lines.append("| one core's GEMM peak (\(megaflops) MFLOP a step at \(String(format: "%.1f", coreBound.gflops)) GFLOP/s, n = 512) | \(String(format: "%.2f", coreBound.seconds)) | \(String(format: "%.0f", coreBound.seconds / 9600 * 1e6)) | — | — |")
  }
  lines += [
    "",
    "- PyTorch / workbook (medians): **\(ratio(torchSeconds, oursSeconds))** (target ≥ 10×)",
    "- PyTorch on one thread / workbook: **\(ratio(torchOneSeconds, oursSeconds))** (for comparison, not the target: on this machine PyTorch's speed on one thread and on two has swung either way between runs)",
    "- workbook / OpenBLAS floor (1 thread): **\(ratio(oursSeconds, floor[1]?.seconds))** (target ≤ 1.3×)",
    "- The workbook trains on one core: \(twoThreadNote(floor[1]?.seconds, floor[2]?.seconds))",
    "- PyTorch ÷ 10 = \(formatted(torchSeconds.map { $0 / 10 }, "%.2f s")), against \(formatted(floor[1]?.seconds, "%.2f s")) for the floor on one thread and \(formatted(coreBound?.seconds, "%.2f s")) for the products at one core's peak.",
    "",
  ]
  lines += qualityLines(ours: oursQuality, torch: torchQuality,
                        untimedRuns: haveTorch ? "PyTorch on one thread; \(sameFigures(torch, torchOneThread))" : "PyTorch not installed")
  return lines
}

/// The sample-quality table over `qualitySeeds` and its verdict.
/// `untimedRuns` says how the runs beyond the timed ones were made.
func qualityLines(ours: [Double], torch: [Double], untimedRuns: String) -> [String] {
  func row(_ name: String, _ errors: [Double]) -> String {
    guard !errors.isEmpty else { return "| \(name) | — | — | — | — | — |" }
    let below = errors.filter { $0 < 0.1 }.count
    return "| \(name) | \(errors.count) | \(String(format: "%.3f", median(errors)!)) | \(String(format: "%.3f", Statistics.mean(errors))) | \(below) of \(errors.count) | \(String(format: "%.3f", errors.max()!)) |"
  }
  var lines = [
    "### Sample quality", "",
    "Mean \\|x̃₂ − sin x̃₁\\| of 1,000 samples after training, on seeds \(qualitySeeds.first!)–\(qualitySeeds.last!): the timed runs above and \(qualitySeeds.count - timedSeeds.count) more of each, untimed, two at a time (\(untimedRuns)).", "",
    "| implementation | runs | median | mean | runs below 0.1 | worst |",
    "|---|---|---|---|---|---|",
    row("workbook", ours),
    row("PyTorch", torch),
    "",
  ]
  guard let oursMedian = median(ours) else { return lines }
  let target = "target: the workbook's median below 0.1 and no detectable difference from PyTorch, p ≥ 0.05"
  if torch.isEmpty {
    lines.append("- Workbook median **\(String(format: "%.3f", oursMedian))**; PyTorch not run (\(target)).")
  } else {
    let test = RankSumTest(ours, torch)
    let met = oursMedian < 0.1 && test.pValue >= 0.05
    lines.append("- Rank-sum test, workbook against PyTorch: a workbook run ends with the larger error with probability \(String(format: "%.2f", test.probabilityFirstIsLarger)), two-sided p = **\(String(format: "%.2f", test.pValue))**; workbook median **\(String(format: "%.3f", oursMedian))** (\(target): \(met ? "met" : "not met")).")
  }
  lines.append("")
  return lines
}

/// The numeric column `key` of the runs that reported it.
func column(_ runs: [[String: String]], _ key: String) -> [Double] { runs.compactMap { $0[key].flatMap(Double.init) } }

/// Whether PyTorch on one thread trained to the same figure as on its default thread count.
func sameFigures(_ defaultThreads: [[String: String]], _ oneThread: [[String: String]]) -> String {
  let pairs = zip(defaultThreads, oneThread).compactMap { a, b in a["mean_abs_err"].flatMap { x in b["mean_abs_err"].map { (x, $0) } } }
  guard !pairs.isEmpty else { return "not compared" }
  let same = pairs.filter { $0 == $1 }.count
  return same == pairs.count
    ? "on the \(pairs.count) timed seeds its figures equal those on its default threads"
    : "on \(pairs.count - same) of the \(pairs.count) timed seeds its figure differs from that on its default threads"
}
