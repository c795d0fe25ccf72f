import Foundation
import Math
import Testing
@testable import Workbook

@Suite struct ParameterFileTests {
  static func folder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parameter-file-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  let tensors = [Tensor(shape: [2, 3], scalars: [1, -2, 3.5, .pi, -0.0, 1e-30]), Tensor(7), Tensor(zeros: [4])]

  @Test func savedTensorsComeBackBitForBit() throws {
    let url = Self.folder().appendingPathComponent("m.params")
    try ParameterFile.save(tensors, fingerprint: "recipe a, seed 1", to: url)
    let loaded = try #require(try ParameterFile.load(from: url, fingerprint: "recipe a, seed 1"))
    #expect(loaded.map(\.shape) == tensors.map(\.shape))
    #expect(loaded.map { $0.scalars.map(\.bitPattern) } == tensors.map { $0.scalars.map(\.bitPattern) })
  }

  @Test func anotherFingerprintOrNoFileIsNil() throws {
    let url = Self.folder().appendingPathComponent("m.params")
    #expect(try ParameterFile.load(from: url, fingerprint: "x") == nil)
    try ParameterFile.save(tensors, fingerprint: "seed 1", to: url)
    #expect(try ParameterFile.load(from: url, fingerprint: "seed 2") == nil)
  }

  @Test func aDamagedFileIsAnErrorThatNamesIt() throws {
    let folder = Self.folder()
    let notOurs = folder.appendingPathComponent("other.params")
    try Data("hello\nworld\n1\n".utf8).write(to: notOurs)
    #expect { try ParameterFile.load(from: notOurs, fingerprint: "f") } throws: { error in
      "\(error)".contains(notOurs.path) && "\(error)".contains("not a saved model")
    }
    let cut = folder.appendingPathComponent("cut.params")
    try ParameterFile.save(tensors, fingerprint: "f", to: cut)
    let data = try Data(contentsOf: cut)
    try data.prefix(data.count - 3).write(to: cut)
    #expect { try ParameterFile.load(from: cut, fingerprint: "f") } throws: { error in
      "\(error)".contains(cut.path) && "\(error)".contains("cut short")
    }
  }

  @Test func aCachedModelIsTrainedOnceAndRetrainedWhenStaleOrDamaged() throws {
    let url = Self.folder().appendingPathComponent("model.params")
    var trainings = 0
    var warnings: [String] = []
    func get(_ fingerprint: String) throws -> (model: Float, trainedNow: Bool) {
      try ParameterFile.cached(at: url, fingerprint: fingerprint, restore: { $0.first?.scalars.first },
                               warn: { warnings.append($0) }) {
        trainings += 1
        return (Float(trainings), [Tensor(Float(trainings))])
      }
    }
    #expect(try get("a") == (1, true))
    #expect(try get("a") == (1, false))
    #expect(try get("b") == (2, true))
    try Data("garbage".utf8).write(to: url)
    #expect(try get("b") == (3, true))
    #expect(warnings.count == 1 && warnings[0].contains(url.path))
  }
}
