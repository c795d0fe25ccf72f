@testable import Math
import PropertyBased
import Testing

/// Central-difference gradient checking, shared by the autodiff, loss and layer tests.
///
/// For a function f of some leaf variables, the probe loss is L = Σ f(leaves) ⊙ R with a fixed
/// random R of f's shape (magnitudes 0.5 to 1, random signs), so every element of f's output and
/// of its pullback is exercised with its own weight. The analytic gradient comes from `backward()` on L; the numeric one from
/// (L(x + h) − L(x − h)) / 2h per element, with L accumulated in Double over the Float outputs
/// and 2h taken as the difference of the two Floats actually used.
struct GradientCheck {
  /// The finite-difference step h.
  var step: Float = 1e-2
  /// A mismatch is |analytic − numeric| > absoluteTolerance + relativeTolerance·|numeric|.
  var absoluteTolerance: Double = 2e-3
  var relativeTolerance: Double = 1e-2

  struct Mismatch: CustomStringConvertible {
    let leaf: Int
    let index: Int
    let analytic: Double
    let numeric: Double
    var description: String { "leaf \(leaf)[\(index)]: analytic \(analytic), numeric \(numeric)" }
  }

  struct Report: CustomStringConvertible {
    var mismatches: [Mismatch] = []
    /// Leaves that got no gradient, or one of the wrong shape.
    var missing: [Int] = []
    /// The number of elements compared.
    var checked = 0
    var passed: Bool { mismatches.isEmpty && missing.isEmpty && checked > 0 }
    var description: String {
      "\(checked) elements checked; missing gradients for leaves \(missing); "
        + "\(mismatches.count) mismatches: \(mismatches.prefix(5).map(\.description).joined(separator: "; "))"
    }
  }

  /// Compares `backward()` with central differences for every element of every leaf.
  /// The leaves must be distinct and require gradients; `f` must read them afresh on each call.
  func run(_ leaves: [Variable], using generator: inout SeededGenerator, _ f: () -> Variable)
    -> Report
  {
    for leaf in leaves { leaf.zeroGradient() }
    let output = f()
    // Weights of magnitude at least 0.5: a weight near 0 would hide any error in the gradient
    // of its output element below the absolute tolerance.
    let weights = generator.tensorAwayFromZero(shape: output.shape, magnitude: 0.5...1)
    let loss = (output * Variable.constant(weights)).sum()
    loss.backward()

    func probe() -> Double {
      zip(f().value.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    var report = Report()
    for (l, leaf) in leaves.enumerated() {
      guard let analytic = leaf.gradient, analytic.shape == leaf.shape else {
        report.missing.append(l)
        continue
      }
      for j in 0..<leaf.value.count {
        let original = leaf.value.scalars[j]
        let (up, down) = (original + step, original - step)
        leaf.value.scalars[j] = up
        let above = probe()
        leaf.value.scalars[j] = down
        let below = probe()
        leaf.value.scalars[j] = original
        let numeric = (above - below) / (Double(up) - Double(down))
        let a = Double(analytic.scalars[j])
        report.checked += 1
        if !(abs(a - numeric) <= absoluteTolerance + relativeTolerance * abs(numeric)) {
          report.mismatches.append(Mismatch(leaf: l, index: j, analytic: a, numeric: numeric))
        }
      }
    }
    return report
  }
}

/// Runs a gradient check over random shapes (`rows` × `columns`) and random values: the
/// property test draws the shape and a seed; `setUp` draws the leaves from a `SeededGenerator`
/// with that seed and returns them with the function to check.
func expectGradientsMatch(
  count: Int = 30, rows: ClosedRange<Int> = 1...5, columns: ClosedRange<Int> = 1...5,
  _ check: GradientCheck = GradientCheck(),
  sourceLocation: SourceLocation = #_sourceLocation,
  _ setUp: (_ rows: Int, _ columns: Int, _ generator: inout SeededGenerator)
    -> (leaves: [Variable], function: () -> Variable)
) async {
  await propertyCheck(
    count: count, input: Gen.int(in: rows), Gen.int(in: columns), Gen.uint64(),
    perform: { r, c, seed in
      var generator = SeededGenerator(seed: seed)
      let (leaves, function) = setUp(r, c, &generator)
      let report = check.run(leaves, using: &generator, function)
      #expect(report.passed, "\(report)", sourceLocation: sourceLocation)
    }, sourceLocation: sourceLocation)
}

extension SeededGenerator {
  /// A tensor of independent uniform draws from `range`.
  mutating func tensor(shape: [Int], in range: ClosedRange<Double> = -2...2) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(
      shape: shape,
      scalars: (0..<count).map { _ in Float(uniform(range.lowerBound, range.upperBound)) })
  }

  /// A matrix of independent uniform draws from `range`.
  mutating func tensor(_ rows: Int, _ columns: Int, in range: ClosedRange<Double> = -2...2)
    -> Tensor
  {
    tensor(shape: [rows, columns], in: range)
  }

  /// A tensor whose elements have magnitude in `magnitude` and a random sign: away from the
  /// kink of ReLU at 0, so a finite-difference step does not cross it.
  mutating func tensorAwayFromZero(shape: [Int], magnitude: ClosedRange<Double> = 0.05...2) -> Tensor {
    var t = tensor(shape: shape, in: magnitude)
    for i in t.scalars.indices where uniform() < 0.5 { t.scalars[i] = -t.scalars[i] }
    return t
  }

  /// A matrix whose elements have magnitude in `magnitude` and a random sign.
  mutating func tensorAwayFromZero(
    _ rows: Int, _ columns: Int, magnitude: ClosedRange<Double> = 0.05...2
  ) -> Tensor {
    tensorAwayFromZero(shape: [rows, columns], magnitude: magnitude)
  }

  /// A trainable leaf holding a random matrix.
  mutating func parameter(_ rows: Int, _ columns: Int, in range: ClosedRange<Double> = -2...2)
    -> Variable
  {
    Variable(tensor(rows, columns, in: range), requiresGradient: true)
  }
}

/// |a − b| ≤ tolerance for every pair of elements of two equally shaped tensors.
func allClose(_ a: Tensor, _ b: Tensor, tolerance: Float = 1e-5) -> Bool {
  a.shape == b.shape
    && zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
