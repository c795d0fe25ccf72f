@testable import Math
import PropertyBased
import Testing

/// Kernels/JumpAhead.swift: a jump of L draws against L calls of `SeededGenerator.next()`.
@Suite struct JumpAheadTests {
  /// The jumped generator continues exactly where the one that drew L numbers does.
  @Test func jumpIsThatManyDraws() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...5000), Gen.uint64()) { steps, seed in
      Self.expectJumpIsDraws(steps: steps, seed: seed)
    }
    for steps in [0, 1, 63, 64, 65, 1 << 20] { Self.expectJumpIsDraws(steps: steps, seed: UInt64(steps)) }
  }

  static func expectJumpIsDraws(steps: Int, seed: UInt64) {
    var drawn = SeededGenerator(seed: seed)
    var jumped = drawn.jumped(JumpAhead(steps: steps))
    for _ in 0..<steps { _ = drawn.next() }
    let (a, b) = ((0..<8).map { _ in drawn.next() }, (0..<8).map { _ in jumped.next() })
    #expect(a == b, "jump of \(steps) from seed \(seed)")
  }

  /// A cached jump is the jump, and jumps compose: L then M draws is L + M.
  @Test func cachedJumpsAreJumpsAndCompose() async {
    await propertyCheck(count: 20, input: Gen.int(in: 0...3000), Gen.int(in: 0...3000), Gen.uint64()) { l, m, seed in
      let g = SeededGenerator(seed: seed)
      #expect(g.jumped(JumpAhead.cached(steps: l)).words == g.jumped(JumpAhead(steps: l)).words)
      #expect(g.jumped(JumpAhead(steps: l)).jumped(JumpAhead(steps: m)).words == g.jumped(JumpAhead(steps: l + m)).words)
    }
  }
}
