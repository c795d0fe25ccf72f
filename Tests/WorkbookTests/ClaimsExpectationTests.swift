import Foundation
import PropertyBased
import Testing
import Workbook

// Swift Testing has its own `Expectation`; the workbook's is written in full here.

/// Random expectations of every kind, with bounds in [-1000, 1000] and tolerances in [0, 100].
private let expectations = zip(
  Gen.int(in: 0...5), Gen.double(in: -1000...1000), Gen.double(in: -1000...1000),
  Gen.double(in: 0...100)
).map { kind, a, b, tolerance -> Workbook.Expectation in
  switch kind {
  case 0: .below(a)
  case 1: .above(a)
  case 2: .atMost(a)
  case 3: .atLeast(a)
  case 4: .within(tolerance, of: a)
  default: .between(min(a, b), max(a, b))
  }
}

/// Measured values that often sit exactly on, or one ulp beside, a boundary of `expectation`.
private func probe(_ expectation: Workbook.Expectation, choice: Int, random: Double) -> Double {
  let (lower, upper): (Double, Double)
  switch expectation {
  case .below(let b), .above(let b), .atMost(let b), .atLeast(let b): (lower, upper) = (b, b)
  case .within(let tolerance, let target): (lower, upper) = (target - tolerance, target + tolerance)
  case .between(let low, let high): (lower, upper) = (low, high)
  }
  switch choice {
  case 0: return lower
  case 1: return lower.nextUp
  case 2: return lower.nextDown
  case 3: return upper
  case 4: return upper.nextUp
  case 5: return upper.nextDown
  default: return random
  }
}

private func isStrict(_ expectation: Workbook.Expectation) -> Bool {
  switch expectation {
  case .below, .above: true
  default: false
  }
}

@Suite("Expectation")
struct ClaimsExpectationTests {
  @Test("holds exactly when the margin is positive (strict) or non-negative (inclusive)")
  func holdsAgreesWithMargin() async {
    await propertyCheck(
      count: 500, input: expectations, Gen.int(in: 0...7), Gen.double(in: -2000...2000)
    ) {
      expectation, choice, random in
      let measured = probe(expectation, choice: choice, random: random)
      let margin = expectation.margin(for: measured)
      let expected = isStrict(expectation) ? margin > 0 : margin >= 0
      #expect(
        expectation.holds(for: measured) == expected,
        "\(expectation) at \(measured), margin \(margin)")
    }
  }

  @Test("below is the complement of atLeast, above of atMost")
  func strictRelationsAreComplements() async {
    await propertyCheck(
      count: 500, input: Gen.double(in: -1000...1000), Gen.int(in: 0...6),
      Gen.double(in: -1000...1000)
    ) {
      bound, choice, random in
      let measured = probe(.below(bound), choice: choice, random: random)
      #expect(
        Workbook.Expectation.below(bound).holds(for: measured) == !Workbook.Expectation.atLeast(
          bound
        ).holds(for: measured))
      #expect(
        Workbook.Expectation.above(bound).holds(for: measured) == !Workbook.Expectation.atMost(
          bound
        ).holds(for: measured))
    }
  }

  @Test("between is atLeast the low end and atMost the high end")
  func betweenIsAnIntersection() async {
    await propertyCheck(
      count: 500, input: Gen.double(in: -1000...1000), Gen.double(in: -1000...1000),
      Gen.double(in: -1200...1200)
    ) {
      a, b, measured in
      let (low, high) = (min(a, b), max(a, b))
      #expect(
        Workbook.Expectation.between(low, high).holds(for: measured)
          == (Workbook.Expectation.atLeast(low).holds(for: measured)
            && Workbook.Expectation.atMost(high).holds(for: measured)))
    }
  }

  @Test("within holds at its target and fails just beyond its tolerance")
  func withinHoldsAtTarget() async {
    await propertyCheck(count: 300, input: Gen.double(in: -1000...1000), Gen.double(in: 0...100)) {
      target, tolerance in
      #expect(Workbook.Expectation.within(tolerance, of: target).holds(for: target))
      #expect(
        !Workbook.Expectation.within(tolerance, of: target).holds(for: target + 2 * tolerance + 1))
      #expect(
        !Workbook.Expectation.within(tolerance, of: target).holds(for: target - 2 * tolerance - 1))
    }
  }

  @Test("NaN never holds, and its margin is NaN")
  func nanNeverHolds() async {
    await propertyCheck(count: 300, input: expectations) { expectation in
      #expect(!expectation.holds(for: .nan))
      #expect(expectation.margin(for: .nan).isNaN)
    }
    #expect(!Workbook.Expectation.between(-Double.infinity, .infinity).holds(for: .nan))
    #expect(!Workbook.Expectation.within(.infinity, of: 0).holds(for: .nan))
  }

  @Test("survives a JSON round trip")
  func codableRoundTrip() async throws {
    await propertyCheck(count: 200, input: expectations) { expectation in
      let data = try JSONEncoder().encode(expectation)
      #expect(try JSONDecoder().decode(Workbook.Expectation.self, from: data) == expectation)
    }
  }

  @Test("an unknown relation in JSON is a decoding error naming it")
  func unknownRelation() {
    let data = Data(#"{"relation": "roughly", "bound": 1}"#.utf8)
    #expect {
      try JSONDecoder().decode(Workbook.Expectation.self, from: data)
    } throws: { error in
      "\(error)".contains("roughly")
    }
  }

  @Test(
    "reads like the relation",
    arguments: [
      (Workbook.Expectation.below(0.1), "< 0.1"), (.above(0.5), "> 0.5"), (.atMost(2), "≤ 2"),
      (.atLeast(-3), "≥ −3"),
      (.within(1e-6, of: -log(4.0)), "= −1.386294 ± 1e-06"), (.between(0.4, 0.6), "in [0.4, 0.6]"),
    ])
  func description(expectation: Workbook.Expectation, text: String) {
    #expect(expectation.description == text)
  }

  @Test("margins measure the distance to the boundary")
  func margins() {
    #expect(Workbook.Expectation.below(0.1).margin(for: 0.3) == 0.1 - 0.3)
    #expect(Workbook.Expectation.atLeast(1).margin(for: 3) == 2)
    #expect(Workbook.Expectation.within(0.5, of: 2).margin(for: 2.25) == 0.25)
    #expect(Workbook.Expectation.between(0, 10).margin(for: 9) == 1)
    #expect(Workbook.Expectation.between(0, 10).margin(for: -4) == -4)
  }

  @Test("numbers are written with a true minus and significant digits")
  func numberText() {
    #expect(NumberText.compact(-0.6931471805599453) == "−0.6931")
    #expect(NumberText.compact(12345.678) == "1.235e+04")
    #expect(NumberText.compact(.nan) == "nan")
    #expect(NumberText.compact(-.infinity) == "−inf")
    #expect(NumberText.precise(0.1) == "0.1")
  }
}
