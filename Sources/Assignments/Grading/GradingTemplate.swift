import Foundation
import Workbook

#if canImport(Glibc)
  import Glibc
#endif

/// The package every submission is graded in: the workbook's sources, every chapter and the
/// hidden checks (`grading/checks`, as the `grading-checks` executable), built once in debug
/// mode (the numeric targets optimised, as in the workbook) and then incrementally.
///
/// Building the workbook from nothing takes minutes; a submission changes a handful of region
/// files. So the template stays in one folder (`<work>/template`, by default
/// `.build/grading/template`) with its build folder: for each submission the grader writes the
/// region files with the student's bodies, builds (only those files and what depends on them
/// recompile, then the link), runs the tests, and writes the reference files back. Files are
/// written only when their bytes change, so an unchanged file is never recompiled.
/// A lock file keeps two graders from sharing the template at once.
public struct GradingTemplate {
  public let root: URL
  public let folder: URL
  private let lock: Int32

  /// Opens (creating it when missing) the template under `work` and takes its lock; the lock is
  /// held until `close()`.
  public init(root: URL, work: URL) throws {
    self.root = root
    folder = work.appendingPathComponent("template")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let lockPath = work.appendingPathComponent("template.lock").path
    lock = open(lockPath, O_CREAT | O_RDWR, 0o644)
    guard lock >= 0 else { throw AssignmentError.command("cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))") }
    flock(lock, LOCK_EX)
  }

  public func close() {
    flock(lock, LOCK_UN)
    Glibc.close(lock)
  }

  /// Brings the template's sources up to date with the workbook at `root` (all reference
  /// solutions in place, files the workbook no longer has removed) and writes its Package.swift.
  public func synchronise() throws {
    var folders = PackageManifest.sourceFolders + ["grading/checks"]
    let chapterNames = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("chapters").path)) ?? []
    let chapters = chapterNames.sorted().compactMap { name -> PackageManifest.Chapter? in
      guard let number = Int(name.prefix(2)), name.dropFirst(2).hasPrefix("-") else { return nil }
      folders.append("chapters/" + name)
      return .init(number: number, folder: name)
    }
    for folder in folders {
      let files = PackageFiles.files(under: folder, of: root)
      for file in files { try PackageFiles.copy(file, from: root, to: self.folder) }
      // A file the workbook no longer has would still be compiled: remove it.
      for stale in Set(PackageFiles.files(under: folder, of: self.folder)).subtracting(files) {
        try FileManager.default.removeItem(at: self.folder.appendingPathComponent(stale))
      }
    }
    let manifest = PackageManifest(name: "GANWorkbookGrading", chapters: chapters, testTargets: [], gradingChecks: true)
    try PackageFiles.writeIfChanged(Data(manifest.text.utf8), to: folder.appendingPathComponent("Package.swift"))
  }

  /// Writes `text` as the template's `relative` file (only if it changed).
  func write(_ text: String, to relative: String) throws {
    try PackageFiles.writeIfChanged(Data(text.utf8), to: folder.appendingPathComponent(relative))
  }

  /// Builds `products` in the template, each with a time limit; the log goes to `log`.
  /// Returns nil when it built, or the compiler's first error (paths relative to the package).
  func build(products: [String], seconds: Double, log: URL) throws -> (error: String?, seconds: Double) {
    var total = 0.0
    for product in products {
      let result = try TimedProcess.run(["swift", "build", "--product", product], in: folder, seconds: seconds,
                                        log: log.appendingPathExtension(product))
      total += result.seconds
      switch result.ending {
      case .exited(0): continue
      case .timedOut(let limit): return ("the build of \(product) did not finish in \(Int(limit)) s", total)
      default: return (firstError(result.output + "\n" + result.errors) ?? "the build of \(product) failed (\(result.ending)); see \(log.path).\(product).err", total)
      }
    }
    return (nil, total)
  }

  /// The first error of a build's output, a source line's when there is one, with the source
  /// excerpt the compiler prints under it, and the template's path taken off.
  func firstError(_ output: String) -> String? {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // A source error ("File.swift:12:5: error: …") rather than the driver's summary of it.
    let sourceError = lines.firstIndex { $0.contains(".swift:") && $0.contains(": error:") }
    guard let index = sourceError ?? lines.firstIndex(where: { $0.contains("error:") }) else { return nil }
    let prefix = folder.path + "/"
    // The error, then the compiler's excerpt of the source under it, up to the next blank line.
    let end = lines[(index + 1)...].prefix(12).firstIndex { $0.trimmingCharacters(in: .whitespaces).isEmpty } ?? min(lines.count, index + 13)
    return lines[index..<end]
      .map { $0.replacingOccurrences(of: prefix, with: "") }
      .joined(separator: "\n")
  }

  /// The built executable `name` (debug configuration).
  func executable(_ name: String) -> URL { folder.appendingPathComponent(".build/debug/\(name)") }
}
