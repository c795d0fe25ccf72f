import Foundation
import Math

/// What a check found: whether it passed, and a message with the measured and expected values.
struct CheckResult {
  var passed: Bool
  var message: String
}

/// The worst case of a property over many inputs: the largest error and the input it came from.
struct WorstCase {
  var error = 0.0
  var at = ""
  var measured = 0.0
  var expected = 0.0

  /// Keeps (`measured`, `expected`) at `input` if its error is the worst so far. A NaN counts as
  /// an infinite error.
  mutating func record(measured: Double, expected: Double, at input: @autoclosure () -> String, relative: Bool = false) {
    var error = abs(measured - expected)
    if relative { error /= max(1, abs(expected)) }
    if error.isNaN { error = .infinity }
    if error > self.error || (self.at.isEmpty && error == 0) {
      (self.error, self.at, self.measured, self.expected) = (error, input(), measured, expected)
    }
  }

  /// Passes when the worst error is at most `tolerance`; the message names the property, the
  /// worst input, what was measured there and what was expected.
  func result(_ property: String, tolerance: Double) -> CheckResult {
    let passed = error <= tolerance
    let verdict = passed ? "holds" : "FAILS"
    return CheckResult(
      passed: passed,
      message: "\(property) \(verdict): worst case \(at): measured \(format(measured)), expected \(format(expected)) "
        + "(off by \(format(error)); tolerance \(format(tolerance)))")
  }
}

func format(_ x: Double) -> String {
  if x == 0 || x.isNaN || x.isInfinite { return "\(x)" }
  return abs(x) >= 1e-3 && abs(x) < 1e5 ? String(format: "%.6g", x) : String(format: "%.3e", x)
}

/// A check of one number against a bound: "measured 0.19, expected ≤ 0.01".
func bound(_ property: String, measured: Double, expected: String, holds: Bool) -> CheckResult {
  CheckResult(passed: holds && !measured.isNaN,
              message: "\(property) \(holds && !measured.isNaN ? "holds" : "FAILS"): measured \(format(measured)), expected \(expected)")
}

/// A random tensor of `shape` with entries uniform in [low, high).
func randomTensor(_ shape: [Int], _ low: Double = -1, _ high: Double = 1, using rng: inout SeededGenerator) -> Tensor {
  Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(rng.uniform(low, high)) })
}
