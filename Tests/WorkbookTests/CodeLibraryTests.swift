import Foundation
import Testing
import Workbook

/// A package folder with a Sources/Lessons and a Sources/Math of a few files.
private struct SourceTree {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent(
    "code-library-\(UUID().uuidString)")

  static let discriminatorStep = #"""
    /// One discriminator update.
    /// Braces in strings and comments do not count: "}" and /* } */.
    @discardableResult
    public func discriminatorStep(_ x: Int, label: String = "{") -> Int {
      let text = "closing } in a string \(x > 0 ? "}" : "{") and \(["}"].count)"
      let raw = #"raw } "quoted" \(not interpolated }"#
      let block = """
        multi-line }
        \(x)
        """
      // a comment with }
      /* a block comment /* nested } */ still } */
      if x > 0 { return text.count + raw.count + block.count }
      return 0
    }
    """#

  static let stepLosses = """
    /// Losses of one step.
    public struct StepLosses: Sendable {
      public var d: Double
      func discriminatorStep() {}
    }
    """

  init() throws {
    let lessons = """
      import Math

      \(Self.stepLosses)

      \(Self.discriminatorStep)

      extension StepLosses {
        /// Not top-level.
        func discriminatorStep(twice: Bool) {}
      }

      func helper(_ body: () -> Void = { }) { body() }
      """
    let math = """
      /// Math's helper.
      public func helper() {}
      public enum Shapes { case a }
      """
    try AtomicFile.write(
      lessons, to: root.appendingPathComponent("Sources/Lessons/GAN/Trainer.swift"))
    try AtomicFile.write(math, to: root.appendingPathComponent("Sources/Math/Ops.swift"))
    try AtomicFile.write(
      "func notSearched() {}", to: root.appendingPathComponent("Sources/Workbook/W.swift"))
  }
}

@Suite("Quoting the library's code in a chapter's page")
struct CodeLibraryTests {
  @Test(
    "a top-level function comes whole with its doc comment and attributes, whatever braces its strings and comments hold"
  )
  func quotesAFunction() throws {
    let tree = try SourceTree()
    defer { try? FileManager.default.removeItem(at: tree.root) }
    let library = try CodeLibrary(packageRoot: tree.root)
    let quote = try library.quote("discriminatorStep")
    #expect(quote.text == SourceTree.discriminatorStep)
    #expect(quote.path == "Sources/Lessons/GAN/Trainer.swift")
    #expect(quote.line == 9)
    #expect(try library.quote("StepLosses").text == SourceTree.stepLosses)
    #expect(try library.quote("Shapes").text == "public enum Shapes { case a }")
    #expect(library.names == ["Shapes", "StepLosses", "discriminatorStep", "helper"])
  }

  @Test("a signature wrapped over lines, with a tuple type and its brace on a line of its own, comes whole")
  func quotesAWrappedSignature() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("code-library-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let wrapped = """
      /// Examples per level.
      public func examples(images: [Int], labels: (labels: [Int], classes: Int)?, levels: Int)
        -> [any Sendable]
      {
        let n = images.count
        return [n, levels]
      }
      """
    try AtomicFile.write("import Math\n\n" + wrapped + "\n", to: root.appendingPathComponent("Sources/Lessons/A.swift"))
    #expect(try CodeLibrary(packageRoot: root).quote("examples").text == wrapped)
  }

  @Test("a name declared nowhere, or in two places, is an error naming it")
  func missingAndAmbiguous() throws {
    let tree = try SourceTree()
    defer { try? FileManager.default.removeItem(at: tree.root) }
    let library = try CodeLibrary(packageRoot: tree.root)
    #expect(
      throws: WeaveError.codeNotFound(
        name: "notSearched", searched: ["Sources/Lessons", "Sources/Math"])
    ) {
      try library.quote("notSearched")
    }
    #expect(
      throws: WeaveError.codeAmbiguous(
        name: "helper",
        places: ["Sources/Lessons/GAN/Trainer.swift:30", "Sources/Math/Ops.swift:1"])
    ) {
      try library.quote("helper")
    }
    #expect(
      "\(WeaveError.codeNotFound(name: "g", searched: ["Sources/Lessons", "Sources/Math"]))"
        == "{{code:g}}: no top-level function or type named g in Sources/Lessons or Sources/Math")
  }

  @Test("{{code:NAME}} on a line of its own becomes the declaration under a link to its file")
  func weavesAQuote() throws {
    let tree = try SourceTree()
    defer { try? FileManager.default.removeItem(at: tree.root) }
    let source =
      "//: # Chapter 9\n//: The step:\n//: {{code:discriminatorStep}}\n//: That was it.\nlet a = 1\n"
    let page = try Weaver.weave(source: source, results: nil, chapter: 9, packageRoot: tree.root)
    let expected =
      "The step:\n\n[Sources/Lessons/GAN/Trainer.swift](../../Sources/Lessons/GAN/Trainer.swift)\n\n"
      + "```swift\n\(SourceTree.discriminatorStep)\n```\n\nThat was it."
    #expect(page.contains(expected), "\(page)")
  }

  @Test("a {{code:NAME}} that cannot be quoted is a weave error naming the marker")
  func weaveErrors() throws {
    let tree = try SourceTree()
    defer { try? FileManager.default.removeItem(at: tree.root) }
    func weave(_ prose: String, root: URL?) throws {
      _ = try Weaver.weave(source: prose, results: nil, chapter: 9, packageRoot: root)
    }
    #expect(throws: WeaveError.codeNotFound(name: "nothing", searched: CodeLibrary.folders)) {
      try weave("//: {{code:nothing}}", root: tree.root)
    }
    #expect(
      throws: WeaveError.codeAmbiguous(
        name: "helper",
        places: ["Sources/Lessons/GAN/Trainer.swift:30", "Sources/Math/Ops.swift:1"])
    ) {
      try weave("//: {{code:helper}}", root: tree.root)
    }
    #expect(throws: WeaveError.codeNotOnItsOwnLine(name: "Shapes")) {
      try weave("//: See {{code:Shapes}} here.", root: tree.root)
    }
    #expect(throws: WeaveError.noPackage(name: "Shapes")) {
      try weave("//: {{code:Shapes}}", root: nil)
    }
    #expect(
      try Weaver.weave(source: "let s = \"{{code:nothing}}\"", results: nil, chapter: 9).contains(
        "{{code:nothing}}"))
  }

  @Test("every top-level declaration of the workbook's own Lessons and Math quotes whole")
  func workbookSources() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let library = try CodeLibrary(packageRoot: root)
    #expect(library.names.count > 20)
    for name in library.names {
      guard let quote = try? library.quote(name) else { continue }  // overloads are not quotable
      let lines = quote.text.split(separator: "\n", omittingEmptySubsequences: false)
      let declaration = lines.first { !$0.hasPrefix("///") && !$0.hasPrefix("@") } ?? ""
      #expect(declaration.contains(name), "\(name): \(declaration)")
      #expect(
        lines.last?.hasSuffix("}") == true,
        "\(name) in \(quote.path):\(quote.line) ends with \(lines.last ?? "")")
      #expect(
        !(lines.last?.hasPrefix(" ") ?? true), "\(name) ends inside its body: \(lines.last ?? "")")
    }
  }

  @Test func aPlaceholderOfAnUnknownKindIsRefused() throws {
    #expect(throws: WeaveError.unknownPlaceholder(text: "{{claim:G9}}")) {
      try Weaver.weave(source: "//: The share is {{claim:G9}}.", results: nil, chapter: 9)
    }
    // Braces that are no placeholder stay as written.
    #expect(try Weaver.weave(source: "//: A set {{1, 2}} and {{Nothing}}.", results: nil, chapter: 9).contains("{{1, 2}} and {{Nothing}}"))
  }
}

/// A page shows a function as it reads without the assignment markers (`SolutionMarker`).
@Suite struct CodeLibrarySolutionMarkerTests {
  @Test func aQuoteLeavesOutTheLinesThatMarkASolutionRegion() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("code-markers-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let source = """
      /// D*.
      public func optimalDiscriminator(pData p: Double, pG q: Double) -> Double {
        guard p + q > 0 else { return 0.5 }
        // BEGIN SOLUTION optimal-discriminator
        // HINT: the maximiser
        return p / (p + q)  // BEGIN SOLUTION inside a line is code, not a marker
        // END SOLUTION
      }
      """
    try AtomicFile.write(source, to: root.appendingPathComponent("Sources/Math/D.swift"))
    let quote = try CodeLibrary(packageRoot: root).quote("optimalDiscriminator")
    #expect(quote.text == """
      /// D*.
      public func optimalDiscriminator(pData p: Double, pG q: Double) -> Double {
        guard p + q > 0 else { return 0.5 }
        return p / (p + q)  // BEGIN SOLUTION inside a line is code, not a marker
      }
      """)
    #expect(SolutionMarker.isMarker("    // END SOLUTION") && !SolutionMarker.isMarker("  x = 1 // END SOLUTION"))
  }
}
