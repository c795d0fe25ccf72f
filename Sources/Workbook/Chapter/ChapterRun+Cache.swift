import Math

extension ChapterRun {
  /// A trained model kept in `.build/workbook-cache/NAME.params` (`ParameterFile.cached`): read
  /// back when the file holds the numbers of `fingerprint` and `restore` accepts them, otherwise
  /// trained by `train` — which gets a callback for its epochs, drawn as a progress bar of
  /// `epochs` — and saved. A damaged file is trained over after a warning; an error stops the run.
  /// - Returns: the model and whether this run trained it.
  public func cached<Model>(
    _ name: String, epochs: Int, restore: ([Tensor]) -> Model?, fingerprint: String,
    train: (_ onEpoch: (_ epoch: Int, _ loss: Double) -> Void) throws -> (model: Model, state: [Tensor])
  ) -> (model: Model, trainedNow: Bool) {
    attempt("the cached model \(name)") {
      try ParameterFile.cached(
        at: ParameterFile.cacheFolder.appendingPathComponent("\(name).params"), fingerprint: fingerprint,
        restore: restore, warn: { StandardError.write("\(chapter.commandName): \($0)\n") }
      ) {
        let progress = self.progress(name, total: epochs, unit: "epochs")
        defer { progress.finish() }
        return try train { epoch, loss in progress.update(epoch, metrics: ["loss": loss]) }
      }
    }
  }
}
