import Foundation

/// Everything one chapter run established, as written to `results/chapter-NN.json`: which run
/// (chapter, mode, seed), every claim with its measured value and verdict, the named facts the
/// prose quotes, the figures written, and the facts of the machine that ran it.
///
/// The JSON is pretty-printed with sorted keys, so two runs with the same seed, thread count
/// and machine differ only in `run` (time and date). Non-finite numbers are written as the
/// strings "nan", "inf" and "-inf".
public struct ChapterResults: Codable, Equatable, Sendable {
  public var chapter: Int
  public var slug: String
  public var title: String
  public var mode: RunMode
  public var seed: UInt64
  /// The `--epochs` override; nil when the chapter's own budget for `mode` was used.
  public var epochs: Int?
  /// One result per declared claim, in the order the chapter declared them.
  public var claims: [ClaimResult]
  /// Named facts for the prose (`run.note`), woven through `{{fact:NAME}}`.
  public var facts: [String: String]
  /// Figures written by the run, relative to the output folder ("figures/chapter-03/samples.png").
  public var figures: [String]
  public var run: RunFacts

  public init(
    chapter: Int, slug: String, title: String, mode: RunMode, seed: UInt64, epochs: Int? = nil,
    claims: [ClaimResult], facts: [String: String] = [:], figures: [String] = [], run: RunFacts
  ) {
    self.chapter = chapter
    self.slug = slug
    self.title = title
    self.mode = mode
    self.seed = seed
    self.epochs = epochs
    self.claims = claims
    self.facts = facts
    self.figures = figures
    self.run = run
  }

  /// The claims whose verdict is the stated one.
  public var claimsAsStated: Int { claims.filter(\.matchesStatedOutcome).count }

  /// The file name results of chapter `number` are written to: "chapter-03.json".
  public static func fileName(chapter number: Int) -> String {
    "chapter-\(Chapter.twoDigits(number)).json"
  }

  /// The results as stable JSON (pretty-printed, sorted keys, trailing newline).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self) + Data("\n".utf8)
  }

  /// Decodes results written by `encoded()`.
  public static func decode(_ data: Data) throws -> ChapterResults {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(ChapterResults.self, from: data)
  }

  /// Reads a results file.
  /// - Throws: `WorkbookError.badData` naming the file and what could not be read.
  public static func load(from url: URL) throws -> ChapterResults {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw WorkbookError.badData(
        path: url.path, reason: "cannot read the file (\((error as NSError).localizedDescription))")
    }
    do { return try decode(data) } catch {
      throw WorkbookError.badData(
        path: url.path,
        reason: "not a chapter results file (\(error)); rerun the chapter to rewrite it")
    }
  }
}

/// The facts of the machine and run behind a results file: enough to judge whether two runs
/// should agree (same seed, same thread count, same machine → same numbers).
public struct RunFacts: Codable, Equatable, Sendable {
  /// Wall-clock seconds from `chapter.start()` to `run.finish()`.
  public var seconds: Double
  /// When the run finished, ISO 8601 in UTC ("2025-03-01T12:00:00Z").
  public var date: String
  /// Active processor cores.
  public var cores: Int
  /// The OpenBLAS threads of the run: "1" (`ChapterRun.blasThreads`). Results written before
  /// the run set the threads itself hold `OPENBLAS_NUM_THREADS`, or "default" when it was unset;
  /// their chapters set one thread too.
  public var blasThreads: String
  /// The Swift compiler that built the chapter ("6.3").
  public var swift: String
  /// The operating system as Foundation reports it.
  public var system: String

  public init(
    seconds: Double, date: String, cores: Int, blasThreads: String, swift: String, system: String
  ) {
    self.seconds = seconds
    self.date = date
    self.cores = cores
    self.blasThreads = blasThreads
    self.swift = swift
    self.system = system
  }

  /// The facts of this process, finishing now after `seconds` of work with `blasThreads`
  /// OpenBLAS threads.
  public static func current(seconds: Double, blasThreads: Int, now: Date = Date()) -> RunFacts {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return RunFacts(
      seconds: (seconds * 1000).rounded() / 1000,
      date: formatter.string(from: now),
      cores: ProcessInfo.processInfo.activeProcessorCount,
      blasThreads: String(blasThreads),
      swift: compilerVersion,
      system: ProcessInfo.processInfo.operatingSystemVersionString)
  }

  /// The compiler version known at build time, to the minor version.
  static var compilerVersion: String {
    #if compiler(>=6.5)
      "6.5 or later"
    #elseif compiler(>=6.4)
      "6.4"
    #elseif compiler(>=6.3)
      "6.3"
    #elseif compiler(>=6.2)
      "6.2"
    #elseif compiler(>=6.1)
      "6.1"
    #else
      "6.0"
    #endif
  }
}
