import Testing
import Workbook

@Suite("Weaving main.swift into README.md")
struct WeaverTests {
  let source = """
    import Math
    import Workbook
    //: # Chapter 9 — Test
    //:
    //: The error was {{value:A}}; we took {{fact:steps}} steps.

    let x = 1


    /*:
    ## Part two
    Missing: {{value:B}} and {{fact:none}}.
    */
    let y = 2
        
    /*: One line of prose */
    //:{{claims}}
    print(x + y)

    """

  let results = sampleResults(
    chapter: 9, slug: "09-test", title: "Test", seed: 7,
    claims: [
      ClaimResult(
        spec: ClaimSpec(
          id: "A", statement: "Loss is negative", source: "Eq. 1", quantity: "loss",
          expected: .below(0)),
        mode: .full, measured: -0.6931471805599453),
      ClaimResult(
        spec: ClaimSpec(
          id: "B", statement: "B | holds", source: "Fig. 2", quantity: "gap", expected: .atLeast(1)),
        mode: .full, measured: nil),
    ],
    facts: ["steps": "9600"])

  @Test("prose, code blocks, placeholders and the claims table in place")
  func weavesSample() throws {
    let expected = """
      <!-- Woven from main.swift by the workbook; edit main.swift, not this file. -->

      # Chapter 9 — Test

      The error was −0.6931; we took 9600 steps.

      ```swift
      import Math
      import Workbook
      ```

      ```swift
      let x = 1
      ```

      ## Part two
      Missing: (not yet measured: run `make chapter-9`) and (not yet measured: run `make chapter-9`).

      ```swift
      let y = 2
      ```

      One line of prose

      | id | claim | source | expected | measured | verdict | as stated |
      |---|---|---|---|---|---|---|
      | A | Loss is negative | Eq. 1 | loss < 0 | −0.6931 | reproduced | ✓ |
      | B | B \\| holds | Fig. 2 | gap ≥ 1 | — | not measured | ✗ (stated: reproduced) |

      Measured by the full run with seed 7 on 2025-03-01 (1:15 on 8 cores).

      ```swift
      print(x + y)
      ```

      """
    #expect(try Weaver.weave(source: source, results: results) == expected)
  }

  @Test(
    "without {{claims}} the table is appended; without results every placeholder says how to measure"
  )
  func appendsClaimsAndMarksMissingValues() throws {
    let source = """
      //: # Chapter 4
      //: Loss {{value:A}}, steps {{fact:steps}}.
      let a = 1
      """
    let expected = """
      <!-- Woven from main.swift by the workbook; edit main.swift, not this file. -->

      # Chapter 4
      Loss (not yet measured: run `make chapter-4`), steps (not yet measured: run `make chapter-4`).

      ```swift
      let a = 1
      ```

      ## Claims

      (not yet measured: run `make chapter-4`)

      """
    #expect(try Weaver.weave(source: source, results: nil, chapter: 4) == expected)
    let woven = try Weaver.weave(source: source, results: results)
    #expect(woven.hasSuffix("## Claims\n\n" + ClaimsTable.markdown(results) + "\n"))
    #expect(woven.contains("Loss −0.6931, steps 9600."))
  }

  @Test("a source of code only becomes one block; blank code runs disappear")
  func codeOnly() throws {
    let woven = try Weaver.weave(source: "\n\nlet a = 1\n\n\nlet b = 2\n\n", results: nil, chapter: 1)
    #expect(woven.contains("```swift\nlet a = 1\n\n\nlet b = 2\n```"))
    #expect(!woven.contains("```swift\n\n"))
  }

  @Test("placeholders in code are left alone")
  func codeIsVerbatim() throws {
    let woven = try Weaver.weave(source: "//: prose\nlet s = \"{{fact:steps}}\"", results: results)
    #expect(woven.contains("let s = \"{{fact:steps}}\""))
  }

  @Test("reports the placeholders the results cannot fill")
  func unresolved() {
    #expect(
      Weaver.unresolvedPlaceholders(source: source, results: results) == [
        "{{value:B}}", "{{fact:none}}",
      ])
    #expect(Weaver.unresolvedPlaceholders(source: source, results: nil).count == 5)
  }
}
