import Foundation

/// The hidden checks of the course assignments (INSTRUCTORS.md): one small program that runs one
/// check, named on its command line, and says what it measured against what it expected.
///
///     grading-checks optimal-discriminator.formula
///     D*(p, q) = p/(p + q) at 2000 random density pairs: worst |error| 0 at p = 0.31, q = 1.7 (tolerance 1e-12)
///
/// Exit status 0: the check passed; 1: it failed; 2: no such check. A student's code that traps
/// or loops ends the process; the grader reports that. Each check is a property of the region's
/// function, tested on seeded random inputs against an independent formula, so a wrong
/// implementation fails with the size of its error.
let checks: [String: @Sendable () -> CheckResult] = {
  let perChapter = [chapter1Checks, chapter2Checks, chapter3Checks, chapter4Checks, chapter5Checks, chapter6Checks,
                    chapter7Checks, chapter8Checks, chapter9Checks, chapter10Checks]
  return perChapter.reduce(into: [:]) { all, chapter in all.merge(chapter) { first, _ in first } }
}()

let arguments = CommandLine.arguments.dropFirst()
guard let id = arguments.first, arguments.count == 1 else {
  print("usage: grading-checks CHECK-ID; checks: \(checks.keys.sorted().joined(separator: ", "))")
  exit(2)
}
guard let check = checks[id] else {
  print("grading-checks: no check '\(id)'; checks: \(checks.keys.sorted().joined(separator: ", "))")
  exit(2)
}
let result = check()
print(result.message)
exit(result.passed ? 0 : 1)
