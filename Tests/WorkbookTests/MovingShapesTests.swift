import Math
import Testing
import Workbook

/// The moving-shapes video and the bimodal toy: seeded, shapes where they should be, two
/// continuations mirrored about the current position.
@Suite struct MovingShapesTests {
  @Test func framesAreSeededAndInRange() throws {
    var (a, b) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
    let shapes = MovingShapes()
    let first = try shapes.sample(20, using: &a)
    let second = try shapes.sample(20, using: &b)
    #expect(first.current == second.current && first.next == second.next && first.movedRight == second.movedRight)
    #expect(first.current.shape == [20, 256])
    #expect(first.next.scalars.allSatisfy { (0...1).contains($0) })
  }

  @Test func everyFrameShowsOneDisc() throws {
    var rng = SeededGenerator(seed: 8)
    let pairs = try MovingShapes().sample(50, using: &rng)
    for t in [pairs.current, pairs.next, pairs.otherNext] {
      for i in 0..<t.rows {
        let frame = t.row(i).map(Float.init)
        #expect(ImageMetrics.blobCount(frame, width: 16, height: 16, threshold: 0.2, minimumArea: 2) == 1)
      }
    }
  }

  /// The disc's horizontal centre of mass moves by `step` in the direction recorded, and by
  /// −step in the other continuation.
  @Test func theDiscMovesByTheStepEitherWay() throws {
    var rng = SeededGenerator(seed: 9)
    let shapes = MovingShapes()
    let pairs = try shapes.sample(40, using: &rng)
    func centreX(_ t: Tensor, _ i: Int) -> Double {
      let row = t.row(i)
      let mass = row.reduce(0, +)
      return row.enumerated().reduce(0.0) { $0 + Double($1.offset % 16) * $1.element } / mass
    }
    var rights = 0
    for i in 0..<pairs.current.rows {
      let dx = centreX(pairs.next, i) - centreX(pairs.current, i)
      let other = centreX(pairs.otherNext, i) - centreX(pairs.current, i)
      #expect(abs(abs(dx) - shapes.step) < 0.3)
      #expect(abs(dx + other) < 0.3)
      #expect((dx > 0) == pairs.movedRight[i])
      if pairs.movedRight[i] { rights += 1 }
    }
    #expect(rights > 5 && rights < 35)
  }

  @Test func bimodalTargetsLieOnTheBranches() {
    var rng = SeededGenerator(seed: 10)
    let (y, x) = BimodalRegression.sample(500, using: &rng)
    for i in 0..<500 {
      #expect(BimodalRegression.distanceToNearestBranch(condition: Double(y.scalars[i]), prediction: Double(x.scalars[i])) < 1e-6)
    }
    let share = BimodalRegression.upperShare(x.scalars.map(Double.init))
    #expect(share > 0.4 && share < 0.6)
    #expect(BimodalRegression.distanceToNearestBranch(condition: 0, prediction: 0) == 0.5)
  }
}
