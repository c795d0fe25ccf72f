import ArgumentParser
import Foundation

/// A chapter of the workbook: its number, folder name, title and the claims it states before
/// running. `start()` turns it into a `ChapterRun` from the command line.
///
///     let chapter = Chapter(number: 3, slug: "03-sine-gan", title: "A GAN learns the sine curve",
///                           claims: [ClaimSpec(id: "RP-err", …)])
///     let run = chapter.start()
public struct Chapter: Sendable {
  public let number: Int
  /// The chapter's folder under chapters/, such as "03-sine-gan".
  public let slug: String
  public let title: String
  /// The claims, in the order tables list them. Ids are unique.
  public let claims: [ClaimSpec]
  /// The seed a run uses without `--seed`.
  public let defaultSeed: UInt64

  /// Declares a chapter. Duplicate claim ids, an empty slug or a negative number stop the
  /// program with a message: they are mistakes in the chapter, not in its input.
  public init(
    number: Int, slug: String, title: String, claims: [ClaimSpec], seed: UInt64 = 2014
  ) {
    guard number >= 0, !slug.isEmpty, !slug.contains("/") else {
      fatalError(
        "Chapter(number: \(number), slug: \"\(slug)\"): the number must be ≥ 0 and the slug a folder name under chapters/"
      )
    }
    var seen = Set<String>()
    for claim in claims where !seen.insert(claim.id).inserted {
      fatalError("Chapter \(number): two claims have the id \"\(claim.id)\"; ids must be unique")
    }
    self.number = number
    self.slug = slug
    self.title = title
    self.claims = claims
    self.defaultSeed = seed
  }

  /// The executable and make target: "chapter-3".
  public var commandName: String { "chapter-\(number)" }

  /// The folder name under figures/: "chapter-03".
  public var figureFolderName: String { "chapter-\(Self.twoDigits(number))" }

  /// "03" for 3; numbers from 100 on are written in full.
  static func twoDigits(_ number: Int) -> String {
    number < 10 ? "0\(number)" : "\(number)"
  }

  // MARK: Command line

  /// The exit code for a command line the chapter cannot run with (a bad flag or value, or an
  /// output folder that cannot be written). 1 is kept for claims that differ from their stated
  /// outcome, so scripts can tell the two apart.
  public static let usageExitCode: Int32 = 2

  /// Parses `arguments` (without the program name) and fills in the chapter's default seed.
  /// - Throws: ArgumentParser's error for unknown flags, bad values, failed validation or a help
  ///   request; `commandLineExit(for:)` turns it into the text and the exit code.
  public func parse(arguments: [String]) throws -> ChapterOptions {
    var options = try ChapterOptions.parse(arguments)
    if options.seed == nil { options.seed = defaultSeed }
    return options
  }

  /// What to print and which code to exit with for an error thrown by `parse(arguments:)`:
  /// for `--help`, the help page and 0; otherwise ArgumentParser's message with the usage
  /// and `usageExitCode`.
  public func commandLineExit(for error: Error) -> (message: String, code: Int32) {
    if ChapterOptions.exitCode(for: error) == .success {
      return (helpPage(), 0)
    }
    return (named(ChapterOptions.fullMessage(for: error)), Self.usageExitCode)
  }

  /// The `--help` page: ArgumentParser's usage and options, then the chapter's claims with
  /// their sources and their expected values in full and `--quick` runs.
  public func helpPage(columns: Int? = nil) -> String {
    var page = "OVERVIEW: Chapter \(number) — \(title)\n\n"
    page += named(ChapterOptions.helpMessage(columns: columns))
    page += "\nCLAIMS:\n"
    let width = columns ?? 100
    let idWidth = min(16, claims.map(\.id.count).max() ?? 0)
    let indent = String(repeating: " ", count: idWidth + 4)
    for claim in claims {
      let head =
        "  " + claim.id.padding(toLength: max(idWidth, claim.id.count), withPad: " ", startingAt: 0)
        + "  "
      page += Self.wrap(claim.statement, first: head, rest: indent, width: width)
      page += Self.wrap(
        claim.source, first: indent + "source:   ", rest: indent + "          ", width: width)
      page += Self.wrap(
        claim.quantity, first: indent + "measures: ", rest: indent + "          ", width: width)
      let quick = claim.quickExpected.map { "\($0)" } ?? "the same"
      page += indent + "expected: \(claim.expected) in a full run, \(quick) with --quick\n"
      let stated =
        claim.outcome.reason.map { "not reproduced, because " + Placeholder.namingValues(in: $0) }
        ?? "reproduced"
      page += Self.wrap(
        stated, first: indent + "stated:   ", rest: indent + "          ", width: width)
    }
    if claims.isEmpty { page += "  (none)\n" }
    let closing =
      "The default seed is \(defaultSeed). A full run writes figures/\(figureFolderName)/, "
      + "results/\(ChapterResults.fileName(chapter: number)) and RESULTS.md under --out and weaves "
      + "chapters/\(slug)/README.md; a --quick run writes figures and results only. Exit codes: 0 when "
      + "every claim is as stated, 1 when a claim differs or the run fails, 2 for a bad command line."
    page += "\n" + Self.wrap(closing, first: "", rest: "", width: width)
    return page
  }

  /// ArgumentParser names a `ParsableArguments` program after its type ("chapter"); the
  /// executable is "chapter-N".
  private func named(_ text: String) -> String {
    text.replacingOccurrences(of: "USAGE: chapter ", with: "USAGE: \(commandName) ")
      .replacingOccurrences(of: "Usage: chapter ", with: "Usage: \(commandName) ")
      .replacingOccurrences(of: "'chapter --help'", with: "'\(commandName) --help'")
  }

  /// `text` word-wrapped to `width` columns, the first line behind `first`, the others behind `rest`.
  static func wrap(_ text: String, first: String, rest: String, width: Int) -> String {
    var lines: [String] = []
    var line = first
    var lineHasWord = false
    for word in text.split(separator: " ") {
      if lineHasWord && line.count + 1 + word.count > width {
        lines.append(line)
        line = rest
        lineHasWord = false
      }
      line += (lineHasWord ? " " : "") + word
      lineHasWord = true
    }
    lines.append(line)
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: Starting a run

  /// Parses the command line, answers `--help`, prepares the output folders, prints the header
  /// and returns the run. Exits with 0 after `--help`; with `usageExitCode` (2) and a message on
  /// standard error for a bad command line or an output folder that cannot be written, before
  /// any training.
  public func start(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> ChapterRun {
    let options: ChapterOptions
    do {
      options = try parse(arguments: arguments)
    } catch {
      let (message, code) = commandLineExit(for: error)
      if code == 0 { print(message, terminator: "") } else { StandardError.write(message + "\n") }
      exit(code)
    }
    do {
      let run = try ChapterRun(chapter: self, options: options)
      if options.weaveOnly {
        try run.weaveFromLastFullRun()
        exit(0)
      }
      print(run.header)
      return run
    } catch {
      StandardError.write("\(commandName): \(error)\n")
      exit(Self.usageExitCode)
    }
  }
}
