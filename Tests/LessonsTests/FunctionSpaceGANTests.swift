import Foundation
import Lessons
import Math
import PropertyBased
import Testing

/// Proposition 2 of Goodfellow et al. 2014, checked over random pairs of distributions on a grid.
@Suite struct FunctionSpaceGANTests {
  @Test func jsdFallsAtEveryStepAndReachesZero() async {
    await propertyCheck(count: 40, input: Gen.double(in: -3...3), Gen.double(in: 0.4...2), Gen.double(in: -3...3),
                        Gen.double(in: 0.4...2)) { m1, s1, m2, s2 in
      let grid = Grid(-12...12, intervals: 600)
      let p = grid.points.map { normalDensity($0, mean: m1, sd: s1) }
      let q = grid.points.map { normalDensity($0, mean: m2, sd: s2) }
      var ideal = FunctionSpaceGAN(pData: p, pG: q, stepSize: 0.5)
      var last = ideal.jensenShannonDivergence
      for _ in 0..<80 {
        ideal.step()
        let now = ideal.jensenShannonDivergence
        #expect(now <= last + 1e-12)
        last = now
      }
      #expect(last < 1e-3)
      #expect(abs(ideal.pG.reduce(0, +) - 1) < 1e-9)
    }
  }

  @Test func aUnitStepMovesHalfWayToTheData() {
    let p = (0..<50).map { 1 + sin(Double($0)) }
    let q = (0..<50).map { 1 + cos(Double($0) / 3) }
    var ideal = FunctionSpaceGAN(pData: p, pG: q, stepSize: 1)
    let halfWay = zip(ideal.pData, ideal.pG).map { ($0 + $1) / 2 }
    ideal.step()
    #expect(zip(ideal.pG, halfWay).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test func aLargeStepCanRaiseTheDivergence() {
    // p_g has little mass where p_data has most: p_g^(1 − η) with η = 3 overshoots there.
    let grid = Grid(-8...8, intervals: 400)
    let p = grid.points.map { normalDensity($0, mean: 0, sd: 0.5) }
    let q = grid.points.map { normalDensity($0, mean: 2, sd: 1) }
    var ideal = FunctionSpaceGAN(pData: p, pG: q, stepSize: 3)
    var rose = false
    for _ in 0..<10 {
      let before = ideal.jensenShannonDivergence
      ideal.step()
      if ideal.jensenShannonDivergence > before + 1e-6 { rose = true }
    }
    #expect(rose)
  }

  @Test func theOptimumIsAFixedPoint() {
    let p = (0..<50).map { 1 + sin(Double($0)) }
    var ideal = FunctionSpaceGAN(pData: p, pG: p, stepSize: 0.5)
    ideal.step()
    #expect(zip(ideal.pG, ideal.pData).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(ideal.optimalDiscriminatorValues.allSatisfy { abs($0 - 0.5) < 1e-12 })
  }
}
