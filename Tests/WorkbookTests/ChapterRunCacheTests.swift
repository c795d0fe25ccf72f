import Foundation
import Math
import Testing
import Workbook

@Suite struct ChapterRunCacheTests {
  /// The first run trains (reporting its epochs) and saves; the next reads the model back
  /// without training; another fingerprint trains again.
  @Test func aCachedModelIsTrainedOnceThenRead() throws {
    let run = try Sandbox().run(["--no-progress"])
    let name = "chapter-run-cache-test-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(at: ParameterFile.cacheFolder.appendingPathComponent("\(name).params")) }
    var (trainings, epochsSeen) = (0, [Int]())
    func get(_ fingerprint: String) -> (model: Float, trainedNow: Bool) {
      run.cached(name, epochs: 2, restore: { $0.first?.scalars.first }, fingerprint: fingerprint) { onEpoch in
        trainings += 1
        for epoch in 1...2 { onEpoch(epoch, 0.5); epochsSeen.append(epoch) }
        return (Float(trainings), [Tensor(Float(trainings))])
      }
    }
    #expect(get("a") == (1, true))
    #expect(get("a") == (1, false))
    #expect(get("b") == (2, true))
    #expect(epochsSeen == [1, 2, 1, 2])
  }
}
