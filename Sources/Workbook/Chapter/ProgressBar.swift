import Foundation

/// A one-line progress display on standard error for a training loop:
///
///     training  [█████████░░░░░░░░░░░]  4320/9600   45%  812 steps/s  ETA 0:06  loss D 0.6931  loss G 0.7012
///
/// Redrawn in place with a carriage return at most ten times a second, and only when enabled
/// (standard error is a terminal, or `--progress`; never with `--no-progress`). `finish()`
/// draws the final line with the total time and ends it. Non-finite metrics show as "nan";
/// deciding to stop is the caller's business.
///
///     let bar = run.progress("training", total: steps)
///     for step in 1...steps { …; bar.update(step, metrics: ["loss D": lossD, "loss G": lossG]) }
///     bar.finish()
/// Updates may come from several threads (jobs run side by side); a lock keeps lines whole.
public final class ProgressBar: @unchecked Sendable {
  private let lock = NSLock()
  public let label: String
  public let total: Int
  /// What one step is, for the rate ("steps", or "runs" for a bar over whole trainings).
  public let unit: String
  /// Whether the bar draws at all.
  public let isEnabled: Bool

  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant?
  private var step = 0
  private var metrics: [(name: String, value: Double)] = []
  private var drawnWidth = 0
  private(set) var isFinished = false

  /// The least time between two redraws.
  public static let redrawInterval = Duration.milliseconds(100)

  /// A bar for `total` steps (total ≥ 1) counted in `unit`, drawn only when `enabled`.
  public init(label: String, total: Int, unit: String = "steps", enabled: Bool) {
    guard total >= 1 else {
      fatalError("ProgressBar \"\(label)\": total must be at least 1 step, got \(total)")
    }
    self.label = label
    self.total = total
    self.unit = unit
    self.isEnabled = enabled
    started = clock.now
  }

  /// Whether bars draw: `--progress` (true) or `--no-progress` (false) decide; without either,
  /// only when standard error is a terminal.
  public static func shouldDraw(requested: Bool?, isTerminal: Bool) -> Bool {
    requested ?? isTerminal
  }

  /// Reports that `step` of `total` steps are done, with the current metrics in display order.
  /// Redraws when at least `redrawInterval` has passed since the last redraw, or at the last step.
  public func update(_ step: Int, metrics: KeyValuePairs<String, Double> = [:]) {
    lock.lock()
    defer { lock.unlock() }
    self.step = step
    self.metrics = metrics.map { (name: $0.key, value: $0.value) }
    guard isEnabled, !isFinished else { return }
    let now = clock.now
    if let lastDraw, now - lastDraw < Self.redrawInterval, step < total { return }
    lastDraw = now
    draw(
      Self.line(
        label: label, step: step, total: total, unit: unit, elapsed: seconds(since: started),
        metrics: self.metrics))
  }

  /// Draws the final line, with the total time in place of the ETA, and ends it. Later calls
  /// do nothing.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard isEnabled, !isFinished else {
      isFinished = true
      return
    }
    isFinished = true
    draw(
      Self.line(
        label: label, step: step, total: total, unit: unit, elapsed: seconds(since: started),
        metrics: metrics, finished: true))
    StandardError.write("\n")
  }

  /// True while a drawn line waits for its end: an error message must start on a new line.
  var isMidLine: Bool { isEnabled && !isFinished && lastDraw != nil }

  /// Stops drawing without a final line (the run is ending or failing).
  func finishSilently() { isFinished = true }

  private func draw(_ line: String) {
    let padding = String(repeating: " ", count: max(0, drawnWidth - line.count))
    drawnWidth = line.count
    StandardError.write("\r" + line + padding)
  }

  private func seconds(since start: ContinuousClock.Instant) -> Double {
    (clock.now - start).inSeconds
  }

  // MARK: The line

  /// The text of one bar: label, a 20-cell bar, step/total, percent, rate in `unit`s per
  /// second, the ETA (or, when `finished`, the total time) and the metrics at 4 significant
  /// digits.
  public static func line(
    label: String, step: Int, total: Int, unit: String = "steps", elapsed: Double,
    metrics: [(name: String, value: Double)], finished: Bool = false
  ) -> String {
    let done = min(max(step, 0), total)
    let fraction = Double(done) / Double(total)
    let cells = 20
    let filled = Int((fraction * Double(cells)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    let width = String(total).count
    let counts =
      String(repeating: " ", count: max(0, width - String(done).count)) + "\(done)/\(total)"
    let percent = String(Int((fraction * 100).rounded(.down)))
    var parts = [
      label, "[\(bar)]", counts, String(repeating: " ", count: 3 - percent.count) + percent + "%",
    ]
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    if done > 0 && elapsed > 0 { parts.append("\(rateText(rate)) \(unit)/s") }
    if finished {
      parts.append("in \(duration(elapsed))")
    } else if rate > 0 {
      parts.append("ETA \(duration(Double(total - done) / rate))")
    }
    parts += metrics.map {
      "\($0.name) \($0.value.isFinite ? NumberText.compact($0.value) : "nan")"
    }
    return parts.joined(separator: "  ")
  }

  /// "m:ss" under an hour, "h:mm:ss" from then on.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let total = Int(seconds.rounded())
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
    return hours > 0
      ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
  }

  private static func rateText(_ rate: Double) -> String {
    rate < 10 ? NumberText.format(rate, digits: 2) : String(Int(rate.rounded()))
  }
}
