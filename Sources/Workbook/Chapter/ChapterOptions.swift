import ArgumentParser

/// The command line every chapter shares:
///
///     chapter-3 [--quick] [--seed <n>] [--out <dir>] [--epochs <n>] [--progress | --no-progress]
///               [--export-samples <path>]
///
/// Parse it through `Chapter.parse(arguments:)`, which also fills in the chapter's default seed;
/// `Chapter.start()` parses `CommandLine.arguments` and prints the chapter's help page for `--help`.
public struct ChapterOptions: ParsableArguments, Sendable {
  @Flag(
    help:
      "Run the small budget (seconds) with the chapter's --quick tolerances; figures and results only, no weaving."
  )
  public var quick = false

  @Option(
    help: ArgumentHelp(
      "The random seed, a whole number ≥ 0 (default: the chapter's own, shown below).",
      valueName: "n"))
  public var seed: UInt64?

  @Option(
    name: .customLong("out"),
    help: ArgumentHelp(
      "The folder that receives figures/ and results/, and in a full run into the workbook's own folder the chapter's README.md and RESULTS.md (default: . for a full run, .build/quick with --quick, so a quick run never overwrites the committed results).",
      valueName: "dir"))
  public var outOption: String?

  /// The output folder: `--out`, or `.` for a full run and `.build/quick` for a quick one.
  public var out: String {
    get { outOption ?? (quick ? ".build/quick" : ".") }
    set { outOption = newValue }
  }

  @Option(
    help: ArgumentHelp(
      "Train for this many epochs instead of the chapter's epoch budgets; a positive whole number. Step counts, sample sizes and seeds keep their values (a chapter without an epoch budget warns that the flag changed nothing). Such a run does not weave README.md.",
      valueName: "n"))
  public var epochs: Int?

  @Flag(
    inversion: .prefixedNo,
    help: "Draw progress bars on standard error (default: only when it is a terminal).")
  public var progress: Bool?

  @Option(
    help: ArgumentHelp(
      "Write the chapter's generated samples as IDX files at PATH (idx3 unsigned bytes, N × 28 × 28, as Fashion-MNIST), and the requested classes of a conditional model beside it (PATH with -labels before the extension); a name ending in .gz is compressed. PATH is relative to the current folder, not to --out. A chapter without image samples writes nothing and warns.",
      valueName: "path"))
  public var exportSamples: String?

  @Flag(
    help: "Only re-weave chapters/NN-slug/README.md (and RESULTS.md) from main.swift and the last full run's results, after editing prose; runs nothing.")
  public var weaveOnly = false

  public init() {}

  public mutating func validate() throws {
    if let epochs, epochs <= 0 {
      throw ValidationError(
        WorkbookError.badOption(
          flag: "--epochs", value: "\(epochs)",
          accepted: "expected a positive whole number of epochs, such as --epochs 40"
        ).description)
    }
    if outOption?.isEmpty == true {
      throw ValidationError(
        WorkbookError.badOption(
          flag: "--out", value: "\"\"",
          accepted: "expected a folder path, such as --out . or --out /tmp/run"
        )
        .description)
    }
    if let exportSamples, exportSamples.isEmpty || exportSamples.hasSuffix("/") {
      throw ValidationError(
        WorkbookError.badOption(
          flag: "--export-samples", value: exportSamples.isEmpty ? "\"\"" : exportSamples,
          accepted: "expected a file path, such as --export-samples samples.idx.gz"
        )
        .description)
    }
  }

  /// `.quick` with `--quick`, otherwise `.full`.
  public var mode: RunMode { quick ? .quick : .full }
}
