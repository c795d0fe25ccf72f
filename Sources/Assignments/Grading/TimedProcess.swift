import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A program run with a time limit, its output kept in files (a pipe could fill and stall it).
///
/// Foundation starts the program as the leader of a process group of its own, so that on a
/// timeout the whole group — a build and its compiler processes, or a check — is killed at
/// once, and nothing is left running. Swift's backtracer is turned off: a crash then prints its
/// `Fatal error: …` line and ends at once, instead of spending seconds on a backtrace.
struct TimedProcess {
  /// How a run ended.
  enum Ending: Equatable {
    case exited(Int32)
    /// Killed by a signal the program raised or received: 4 (SIGILL) or 5 (SIGTRAP) for a Swift
    /// trap such as `fatalError`, 11 (SIGSEGV), 6 (SIGABRT).
    case signal(Int32)
    /// Stopped at the time limit.
    case timedOut(seconds: Double)
  }

  struct Result {
    var ending: Ending
    var output: String
    var errors: String
    var seconds: Double
  }

  /// Runs `arguments[0]` (a path, or a name looked up on PATH) with the rest as its arguments,
  /// in `folder`, for at most `seconds`. Output and errors are written to `log`.out/.err.
  static func run(_ arguments: [String], in folder: URL, seconds: Double, log: URL,
                  environment: [String: String]? = nil) throws -> Result {
    try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
    let outURL = URL(fileURLWithPath: log.path + ".out"), errURL = URL(fileURLWithPath: log.path + ".err")
    guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
      FileManager.default.createFile(atPath: errURL.path, contents: nil)
    else { throw AssignmentError.command("cannot create the log files \(log.path).out/.err") }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    defer { try? out.close(); try? err.close() }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    var variables = environment ?? ProcessInfo.processInfo.environment
    variables["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = variables
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    let start = Date()
    do { try process.run() } catch {
      throw AssignmentError.command("cannot run \(arguments.joined(separator: " ")): \(error)")
    }
    var timedOut = false
    if done.wait(timeout: .now() + seconds) == .timedOut {
      timedOut = true
      let pid = process.processIdentifier
      kill(-pid, SIGKILL)  // the program's process group, which Foundation made it the leader of
      kill(pid, SIGKILL)
      done.wait()
    }
    let elapsed = Date().timeIntervalSince(start)
    let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    let ending: Ending =
      timedOut ? .timedOut(seconds: seconds)
      : process.terminationReason == .uncaughtSignal ? .signal(process.terminationStatus)
      : .exited(process.terminationStatus)
    return Result(ending: ending, output: output, errors: errors, seconds: elapsed)
  }

  /// A signal's name and what it usually means for a Swift program.
  static func describe(signal: Int32) -> String {
    switch signal {
    case SIGILL, SIGTRAP: "a trap (fatalError, a failed precondition, an overflow or an index out of range)"
    case SIGSEGV: "a segmentation fault"
    case SIGABRT: "an abort"
    case SIGKILL: "killed (SIGKILL), e.g. out of memory"
    case SIGBUS: "a bus error"
    default: "signal \(signal)"
    }
  }
}
