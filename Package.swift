// swift-tools-version: 6.1
// The GAN Workbook: a numeric core (Math), the models the texts teach (Lessons), everything
// around a chapter (Workbook), and one executable per chapter (chapters/NN-slug/main.swift).
import Foundation
import PackageDescription

/// One executable target per chapter: `chapter-N` built from `chapters/NN-slug/main.swift`.
let chapters: [(number: Int, folder: String)] = [
  (1, "01-optimal-discriminator"),
  (2, "02-global-optimum"),
  (3, "03-sine-gan"),
  (4, "04-what-goes-wrong"),
  (5, "05-mse-blurs"),
  (6, "06-gans-on-images"),
  (7, "07-conditional-gans"),
  (8, "08-lapgan"),
  (9, "09-autoencoders"),
  (10, "10-attribute-vectors"),
]

/// The numeric core's own vector loops (Adam, dropout, the activations, column sums) compiled
/// for the processor of the machine that builds the workbook, when it has at least AVX2 (every
/// x86-64 processor since Haswell in 2013, every AMD Zen); elsewhere the portable build. The
/// bits are the same either way (Swift never fuses a multiply and an add on its own); what it
/// buys is measured in bench/PERFORMANCE.md. The binaries then run only on machines like the
/// one that built them.
let coreTuning: [SwiftSetting] = {
  #if arch(x86_64) && os(Linux)
    let haswell = ["avx2", "fma", "bmi2", "f16c", "movbe"]
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = Set(cpu.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
    if haswell.allSatisfy(flags.contains) { return [.unsafeFlags(["-target-cpu", "native"])] }
  #endif
  return []
}()

/// The numeric targets and their tests are optimised in every configuration, so that a plain
/// `swift test` (a debug build) trains the chapters' quick runs and the property tests at
/// release speed: numeric Swift is 10–100 times slower without the optimiser. The dependencies
/// and everything else keep SwiftPM's debug settings (debugging information stays on).
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "GANWorkbook",
  products: [
    .library(name: "Math", targets: ["Math"]),
    .library(name: "Lessons", targets: ["Lessons"]),
    .library(name: "Workbook", targets: ["Workbook"]),
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "workbook", targets: ["workbook"]),
  ] + chapters.map { .executable(name: "chapter-\($0.number)", targets: ["chapter-\($0.number)"]) },
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
  ],
  targets: [
    // System-library shims: a module map and a header each; the Makefile installs the packages.
    .systemLibrary(name: "CGD", path: "Sources/CGD", pkgConfig: "gdlib",
                   providers: [.apt(["libgd-dev"])]),
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                   providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                   providers: [.apt(["zlib1g-dev"])]),

    // glibc's <malloc.h>, for `Allocator` (part of libc: nothing to install).
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

    .target(name: "Math", dependencies: ["CBLAS", "CMalloc"], swiftSettings: coreTuning + optimizedInDebug),
    .target(name: "Lessons", dependencies: ["Math"], swiftSettings: optimizedInDebug),
    .target(name: "Workbook", dependencies: [
      "Math", "CGD", "CZlib",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ], swiftSettings: optimizedInDebug),

    .testTarget(name: "MathTests", dependencies: [
      "Math", .product(name: "PropertyBased", package: "swift-property-based"),
    ], swiftSettings: optimizedInDebug),
    // Workbook for the Fashion-MNIST loader: the image models train on real batches.
    .testTarget(name: "LessonsTests", dependencies: [
      "Lessons", "Math", "Workbook", .product(name: "PropertyBased", package: "swift-property-based"),
    ], swiftSettings: optimizedInDebug),
    .testTarget(name: "WorkbookTests", dependencies: [
      "Workbook", "Math", .product(name: "PropertyBased", package: "swift-property-based"),
    ], swiftSettings: optimizedInDebug),
    .testTarget(name: "ChapterTests", dependencies: ["Workbook"], swiftSettings: optimizedInDebug),
    // Course assignments (INSTRUCTORS.md): `workbook assign` and `workbook grade`, the logic in
    // Assignments and a thin command line in tools/workbook.
    .target(name: "Assignments", dependencies: ["Workbook"]),
    .executableTarget(name: "workbook", dependencies: [
      "Assignments", .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ], path: "tools/workbook"),
    .testTarget(name: "AssignmentsTests", dependencies: ["Assignments", "Workbook"]),
    // `make bench`: speed and memory beside the references in bench/reference/.
    .executableTarget(name: "bench", dependencies: ["Math", "Lessons", "Workbook"], path: "bench/runner"),
  ] + chapters.map {
    .executableTarget(name: "chapter-\($0.number)", dependencies: ["Math", "Lessons", "Workbook"],
                      path: "chapters/\($0.folder)", exclude: ["README.md"], swiftSettings: optimizedInDebug)
  }
)
