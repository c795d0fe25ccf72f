import ArgumentParser
import Testing
import Workbook

let sineChapter = Chapter(
  number: 3, slug: "03-sine-gan", title: "A GAN learns the sine curve",
  claims: [sineClaim, noiseClaim])

@Suite("Chapter command line")
struct ChapterOptionsTests {
  @Test("every option parses")
  func validOptions() throws {
    let options = try sineChapter.parse(arguments: [
      "--quick", "--seed", "7", "--out", "/tmp/run", "--epochs", "12", "--no-progress",
    ])
    #expect(options.quick)
    #expect(options.mode == .quick)
    #expect(options.seed == 7)
    #expect(options.out == "/tmp/run")
    #expect(options.epochs == 12)
    #expect(options.progress == false)
    #expect(try sineChapter.parse(arguments: ["--progress"]).progress == true)
  }

  @Test("defaults: a full run with the chapter's seed into the current folder")
  func defaults() throws {
    let options = try sineChapter.parse(arguments: [])
    #expect(!options.quick)
    #expect(options.mode == .full)
    #expect(options.seed == 2014)
    #expect(options.out == ".")
    #expect(options.epochs == nil)
    #expect(options.progress == nil)
    let own = Chapter(number: 1, slug: "01-x", title: "X", claims: [], seed: 99)
    #expect(try own.parse(arguments: []).seed == 99)
    #expect(try own.parse(arguments: ["--seed", "18446744073709551615"]).seed == UInt64.max)
  }

  @Test(
    "--epochs must be positive; the message names the flag, the value and what is accepted",
    arguments: ["0", "-3"])
  func badEpochs(value: String) {
    do {
      _ = try sineChapter.parse(arguments: ["--epochs=\(value)"])
      Issue.record("--epochs \(value) was accepted")
    } catch {
      let message = ChapterOptions.message(for: error)
      #expect(message.contains("--epochs \(value)"))
      #expect(message.contains("positive whole number"))
      let exit = sineChapter.commandLineExit(for: error)
      #expect(exit.code == 2)
      #expect(exit.message.contains("Usage: chapter-3"))
    }
  }

  @Test("--export-samples takes a file path; absent, it is nil")
  func exportSamples() throws {
    #expect(try sineChapter.parse(arguments: []).exportSamples == nil)
    let options = try sineChapter.parse(arguments: ["--export-samples", "out/samples.idx.gz"])
    #expect(options.exportSamples == "out/samples.idx.gz")
    #expect(try sineChapter.parse(arguments: ["--export-samples=s.idx"]).exportSamples == "s.idx")
    let page = sineChapter.helpPage(columns: 200)
    #expect(page.contains("--export-samples <path>"))
    #expect(page.contains("PATH with -labels before the extension"))
  }

  @Test(
    "--export-samples needs a file name: an empty path or a folder is refused, naming the flag",
    arguments: [("", "\"\""), ("out/", "out/")])
  func badExportSamples(value: String, shown: String) {
    do {
      _ = try sineChapter.parse(arguments: ["--export-samples", value])
      Issue.record("--export-samples \(shown) was accepted")
    } catch {
      let message = ChapterOptions.message(for: error)
      #expect(message.contains("--export-samples \(shown): expected a file path"))
      #expect(sineChapter.commandLineExit(for: error).code == Chapter.usageExitCode)
    }
  }

  @Test("an unknown flag or a bad seed is ArgumentParser's error with the usage, exit code 2")
  func unknownFlag() {
    for arguments in [["--bogus"], ["--seed", "abc"], ["--epochs"]] {
      do {
        _ = try sineChapter.parse(arguments: arguments)
        Issue.record("\(arguments) was accepted")
      } catch {
        let exit = sineChapter.commandLineExit(for: error)
        #expect(exit.code == Chapter.usageExitCode)
        #expect(exit.message.hasPrefix("Error: "))
        #expect(exit.message.contains("Usage: chapter-3 [--quick]"))
        #expect(exit.message.contains(arguments[0]))
      }
    }
  }

  @Test("--help is a page with the options and the chapter's claims, exit code 0")
  func help() {
    for flag in ["--help", "-h"] {
      do {
        _ = try sineChapter.parse(arguments: [flag])
        Issue.record("\(flag) returned options")
      } catch {
        let exit = sineChapter.commandLineExit(for: error)
        #expect(exit.code == 0)
        let page = exit.message
        #expect(page.hasPrefix("OVERVIEW: Chapter 3 — A GAN learns the sine curve"))
        #expect(page.contains("USAGE: chapter-3"))
        #expect(page.contains("--epochs <n>") && page.contains("--no-progress"))
        #expect(page.contains("RP-err  The generator's samples lie on the sine curve"))
        #expect(page.contains("expected: < 0.1 in a full run, < 0.25 with --quick"))
        #expect(page.contains("stated:   not reproduced, because Student-t noise"))
        #expect(page.contains("The default seed is 2014"))
      }
    }
  }

  @Test("the help page fits the columns it is given")
  func helpWidth() {
    let long = ClaimSpec(
      id: "L", statement: String(repeating: "a claim that goes on ", count: 12), source: "s",
      quantity: "q",
      expected: .below(1))
    let page = Chapter(number: 2, slug: "02-x", title: "X", claims: [long]).helpPage(columns: 80)
    let claimsPart = page[page.range(of: "CLAIMS:")!.lowerBound...]
    #expect(claimsPart.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }
}
