import Assignments
import Testing

/// The region parser: well-formed regions are found with their names, hints and bodies; every
/// malformed one is an error that names the file and the line.
@Suite struct RegionParserTests {
  let file = "Sources/Math/Example.swift"

  func regions(_ source: String) throws -> [SolutionRegion] { try RegionParser.regions(in: source, file: file) }

  func error(_ source: String) -> String {
    do {
      _ = try regions(source)
      return "no error"
    } catch { return "\(error)" }
  }

  @Test func findsARegionWithItsHintAndBody() throws {
    let source = """
      /// D*.
      public func optimalDiscriminator(pData p: Double, pG q: Double) -> Double {
        guard p + q > 0 else { return 0.5 }
        // BEGIN SOLUTION optimal-discriminator
        // HINT: the w that maximises
        // HINT: p log w + q log(1 − w)
        return p / (p + q)
        // END SOLUTION
      }
      """
    let found = try regions(source)
    #expect(found.count == 1)
    let region = try #require(found.first)
    #expect(region.name == "optimal-discriminator")
    #expect(region.hint == "the w that maximises p log w + q log(1 − w)")
    #expect(region.body == ["  return p / (p + q)"])
    #expect((region.beginLine, region.endLine) == (4, 8))
    #expect(region.stub == "  fatalError(\"TODO: optimal-discriminator: the w that maximises p log w + q log(1 − w)\")")
  }

  @Test func aWholeBodyOverSeveralLinesWithBracesInStringsAndAMultilineSignature() throws {
    let source = """
      extension T {
        public static func f<G: RandomNumberGenerator>(
          mean: Int, using g: inout G
        ) -> String {
          // BEGIN SOLUTION whole-body
          let text = "a { brace } in a string \\(mean)" // and { in a comment
          return (0..<mean).map { i in
            "\\(i)"
          }.joined()
          // END SOLUTION
        }
      }
      """
    #expect(try regions(source).map(\.body.count) == [4])
  }

  @Test func aComputedPropertyBodyIsAFunctionBody() throws {
    let source = "struct S {\n  var x: Int {\n    // BEGIN SOLUTION x\n    1\n    // END SOLUTION\n  }\n}"
    #expect(try regions(source).map(\.name) == ["x"])
  }

  @Test func nestedRegionsNameBothLines() {
    let source = "func f() -> Int {\n  // BEGIN SOLUTION outer\n  // BEGIN SOLUTION inner\n  return 1\n  // END SOLUTION\n  // END SOLUTION\n}"
    #expect(error(source) == "\(file):3: region 'inner' begins inside region 'outer' (opened at line 2); regions cannot nest: close 'outer' with // END SOLUTION first")
  }

  @Test func anUnterminatedRegionNamesItsBeginning() {
    let source = "func f() -> Int {\n  // BEGIN SOLUTION lonely\n  return 1\n}\n"
    #expect(error(source) == "\(file):2: region 'lonely' is never closed: add // END SOLUTION before the function's closing brace")
  }

  @Test func aDuplicateNameNamesBothPlaces() {
    let source = """
      func f() -> Int {
        // BEGIN SOLUTION twice
        return 1
        // END SOLUTION
      }
      func g() -> Int {
        // BEGIN SOLUTION twice
        return 2
        // END SOLUTION
      }
      """
    #expect(error(source) == "\(file):7: region 'twice' is already defined at \(file):2; region names must be unique")
  }

  @Test func anEndWithoutABeginAndAnEmptyRegionAndABadName() {
    #expect(error("func f() {\n  // END SOLUTION\n}") == "\(file):2: // END SOLUTION without a // BEGIN SOLUTION before it")
    #expect(error("func f() {\n  // BEGIN SOLUTION e\n  // HINT: x\n  // END SOLUTION\n}") == "\(file):2: region 'e' has no code between its markers")
    #expect(error("func f() {\n  // BEGIN SOLUTION Bad_Name\n  f()\n  // END SOLUTION\n}").hasPrefix("\(file):2: region name 'Bad_Name'"))
  }

  @Test func aRegionThatDoesNotEndTheFunctionIsRejected() {
    let source = "func f() -> Int {\n  // BEGIN SOLUTION early\n  let a = 1\n  // END SOLUTION\n  return a\n}"
    #expect(error(source).hasPrefix("\(file):2: region 'early' is not the end of a function's body: the line after // END SOLUTION (line 5, `return a`)"))
  }

  @Test func aRegionInsideAnIfOrAClosureIsRejected() {
    let inIf = "func f(x: Bool) -> Int {\n  if x {\n    // BEGIN SOLUTION branch\n    return 1\n    // END SOLUTION\n  }\n  return 0\n}"
    #expect(error(inIf).hasPrefix("\(file):3: region 'branch' is not the end of a function's body: it begins inside a block opened at line 2 (`if x`)"))
    let inClosure = "func f() -> [Int] {\n  [1].map { x in\n    // BEGIN SOLUTION closure\n    x + 1\n    // END SOLUTION\n  }\n}"
    #expect(error(inClosure).contains("it begins inside a block opened at line 2"))
  }

  @Test func unbalancedBracesInsideARegionAreRejected() {
    let source = "func f() -> Int {\n  // BEGIN SOLUTION open\n  if true {\n  // END SOLUTION\n  }\n  return 1\n}"
    #expect(error(source).contains("the braces between its markers do not balance"))
  }

  @Test func blankingKeepsTheMarkersAndTheHintAndDropsOtherRegionsMarkers() throws {
    let source = """
      func f() -> Int {
        // BEGIN SOLUTION mine
        // HINT: one "quoted"
        return 1
        // END SOLUTION
      }
      func g() -> Int {
        // BEGIN SOLUTION theirs
        return 2
        // END SOLUTION
      }
      """
    let all = try regions(source)
    let blank = RegionSplicing.blanked(source, regions: all.filter { $0.name == "mine" })
    #expect(blank == """
      func f() -> Int {
        // BEGIN SOLUTION mine
        // HINT: one "quoted"
        fatalError("TODO: mine: one \\"quoted\\"")
        // END SOLUTION
      }
      func g() -> Int {
        return 2
      }
      """)
    // A student's body is taken back into the reference; a damaged copy is graded as the stub.
    let student = blank.replacingOccurrences(of: "  fatalError(\"TODO: mine: one \\\"quoted\\\"\")", with: "  return 41 + 1")
    let mine = all.filter { $0.name == "mine" }
    let (graded, taken) = RegionSplicing.taking(regions: mine, from: student, submissionPath: file, into: source)
    #expect(taken == ["mine": .implemented])
    #expect(graded.contains("  return 41 + 1") && graded.contains("return 2") && !graded.contains("return 1\n"))
    let damaged = student.replacingOccurrences(of: "// BEGIN SOLUTION mine", with: "// BEGIN mine")
    let (stubbed, lost) = RegionSplicing.taking(regions: mine, from: damaged, submissionPath: file, into: source)
    #expect(lost == ["mine": .unreadable("\(file):5: // END SOLUTION without a // BEGIN SOLUTION before it")])
    #expect(stubbed.contains(mine[0].stub))
    let unmarked = student.split(separator: "\n").filter { !$0.contains("SOLUTION") }.joined(separator: "\n")
    let (_, missing) = RegionSplicing.taking(regions: mine, from: unmarked, submissionPath: file, into: source)
    #expect(missing == ["mine": .unreadable("\(file): region 'mine' not found (its // BEGIN SOLUTION mine line is missing or damaged)")])
  }
}
