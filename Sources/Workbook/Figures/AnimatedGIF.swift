import Foundation

/// An animated GIF built frame by frame from figures of one size (training progress).
///
/// Each frame is rendered in true colour, reduced to its own 256-colour palette and encoded at
/// once, storing only the rectangle that changed since the previous frame; so memory stays at
/// one frame and the file stays small however long the animation.
public struct AnimatedGIF {
  /// How long each frame is shown, in hundredths of a second.
  public let delayCentiseconds: Int
  /// Whether players repeat the animation forever (otherwise it plays once).
  public let loop: Bool
  public private(set) var frameCount = 0
  private var bytes = Data()
  private var previous: GDImage?
  private var size: (width: Int, height: Int)?
  /// Why the animation stopped at a frame, if it did.
  private var failure: WorkbookError?

  public init(delayCentiseconds: Int = 20, loop: Bool = true) {
    precondition(
      (1...65535).contains(delayCentiseconds),
      "AnimatedGIF: delay \(delayCentiseconds) cs must be in 1...65535")
    self.delayCentiseconds = delayCentiseconds
    self.loop = loop
  }

  /// Renders `frame` and adds it to the animation. A frame that cannot be drawn (a NaN in its
  /// data, an image libgd cannot allocate) ends the animation there: the GIF becomes that
  /// error, naming the frame, which `renderGIF()` (and so `run.save`) reports. Later frames
  /// are ignored.
  /// - Precondition: `frame` has the pixel size of the first frame.
  public mutating func append(_ frame: Figure) {
    if let size {
      precondition(
        size == (frame.pixelWidth, frame.pixelHeight),
        "AnimatedGIF: frame \(frameCount) is \(frame.pixelWidth) × \(frame.pixelHeight) pixels but the first was \(size.width) × \(size.height)"
      )
    }
    guard failure == nil else { return }
    do {
      let image = try frame.render().paletteCopy()
      if previous == nil {
        bytes = try image.gifAnimationStart(loop: loop)
        size = (frame.pixelWidth, frame.pixelHeight)
      }
      bytes.append(
        try image.gifAnimationFrame(delayCentiseconds: delayCentiseconds, previous: previous))
      previous = image
      frameCount += 1
    } catch {
      failure = .badData(
        path: "<animated GIF>", reason: "frame \(frameCount + 1) cannot be drawn: \(error)")
    }
  }

  /// The complete GIF file.
  /// - Throws: `WorkbookError.badData` when a frame could not be drawn (naming it), or when no
  ///   frame was appended.
  public func renderGIF() throws -> Data {
    if let failure { throw failure }
    guard frameCount > 0 else {
      throw WorkbookError.badData(path: "<animated GIF>", reason: "no frames were appended")
    }
    return bytes + (try GDImage.gifAnimationEnd())
  }
}
