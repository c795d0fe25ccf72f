import Foundation

/// Runs `executable` with `arguments` (in `folder`, when given) and returns its exit status and
/// its standard output and error together.
func runProcess(_ executable: URL, _ arguments: [String], in folder: URL? = nil) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let folder { process.currentDirectoryURL = folder }
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
