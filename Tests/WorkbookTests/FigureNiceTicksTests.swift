import Foundation
import PropertyBased
import Testing
import Workbook

/// The laws of `NiceTicks`: 1-2-5 steps, evenly spaced ticks inside the range that leave no
/// gap of a whole step at either end, a count near the target, and labels without noise.
@Suite struct FigureNiceTicksTests {
  @Test func ticksAreOneTwoFiveStepsCoveringTheRange() async {
    // A range that once broke an over-strict count law: the target's step leaves one tick.
    let (ticks, _) = NiceTicks.ticksAndStep(for: 515000.0000050001...(515000.0000050001 + 9_999.9), target: 2)
    #expect(ticks.count >= 2)
    await propertyCheck(
      count: 500, input: Gen.double(in: -1e6...1e6), Gen.double(in: -6...3), Gen.int(in: 2...12)
    ) { center, logSpan, target in
      let span = pow(10, logSpan) * max(1, abs(center))
      let range = center...(center + span)
      let (ticks, step) = NiceTicks.ticksAndStep(for: range, target: target)
      #expect([1, 2, 5].contains(step.mantissa))
      #expect(ticks == NiceTicks.ticks(for: range, target: target))
      let size = step.value
      let slack = size * 1e-6
      guard let first = ticks.first, let last = ticks.last else {
        Issue.record("no ticks for \(range)")
        return
      }
      #expect(first >= range.lowerBound - slack && last <= range.upperBound + slack)
      #expect(first - range.lowerBound < size + slack && range.upperBound - last < size + slack)
      for (a, b) in zip(ticks, ticks.dropFirst()) {
        #expect(abs((b - a) - size) <= slack, "uneven ticks \(a), \(b) for step \(size)")
      }
      // Near the target — or, where the target's own step leaves fewer than two ticks in the
      // range, near twice the target (the documented fallback doubles it).
      let direct = NiceTicks.step(for: range, target: target).value
      let directCount = Int((range.upperBound / direct).rounded(.down)) - Int((range.lowerBound / direct).rounded(.up)) + 1
      let effectiveTarget = Double(directCount < 2 ? 2 * target : target)
      #expect(
        Double(ticks.count) >= Double(target) / 1.6 - 1
          && Double(ticks.count) <= 1.6 * effectiveTarget + 1,
        "\(ticks.count) ticks for target \(target) on \(range)")
    }
  }

  @Test func labelsHaveNoFloatingPointNoise() async {
    await propertyCheck(count: 300, input: Gen.int(in: -8...8), Gen.int(in: -3...3)) {
      start, exponent in
      let unit = pow(10, Double(exponent))
      let range = (Double(start) * unit)...(Double(start + 7) * unit)
      let (ticks, step) = NiceTicks.ticksAndStep(for: range, target: 7)
      for (tick, label) in zip(ticks, NiceTicks.labels(ticks, step: step)) {
        #expect(label.count <= 8, "label “\(label)” is not compact")
        let decimals = label.split(separator: ".").dropFirst().first?.count ?? 0
        #expect(
          decimals <= max(0, -step.exponent),
          "label “\(label)” has digits the step does not resolve")
        #expect(
          Double(label).map { abs($0 - tick) <= step.value * 1e-9 } == true,
          "label “\(label)” ≠ \(tick)")
      }
    }
  }

  @Test func tenthsAreExactDecimals() {
    let (ticks, step) = NiceTicks.ticksAndStep(for: 0...1, target: 10)
    #expect(ticks.contains(0.3) && ticks.contains(0.7))
    #expect(
      NiceTicks.labels(ticks, step: step) == [
        "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0",
      ])
  }

  @Test func extremeMagnitudesUseCompactScientificLabels() {
    let small = NiceTicks.ticksAndStep(for: 0...5e-6, target: 5)
    #expect(NiceTicks.label(small.ticks[1], step: small.step) == "1e-6")
    let large = NiceTicks.ticksAndStep(for: 0...5e7, target: 5)
    #expect(NiceTicks.label(large.ticks[1], step: large.step) == "1e7")
    #expect(NiceTicks.label(-0.5, step: NiceTicks.step(for: -1...1, target: 4)) == "-0.5")
  }
}
