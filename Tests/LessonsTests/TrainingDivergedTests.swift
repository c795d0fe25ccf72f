import Lessons
import Testing

@Suite struct TrainingDivergedTests {
  @Test func finiteLossesPassThrough() throws {
    #expect(try finite(0.25, "the loss", step: 1, of: "the model") == 0.25)
  }

  /// The message names the loss, its value, the step and the model.
  @Test(arguments: [(Double.nan, "NaN"), (.infinity, "+∞"), (-.infinity, "−∞")])
  func aNonFiniteLossIsNamed(value: Double, shown: String) {
    let error = #expect(throws: TrainingDiverged.self) {
      try finite(value, "the discriminator's loss", step: 1234, of: "the conditional GAN")
    }
    #expect(error?.description == "the discriminator's loss is \(shown) at step 1234 of the conditional GAN")
    #expect(error?.step == 1234)
  }
}
