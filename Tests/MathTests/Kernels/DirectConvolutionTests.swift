@testable import Math
import PropertyBased
import Testing

/// Kernels/DirectConvolution.swift against im2col and the ordered product it stands for.
@Suite struct DirectConvolutionTests {
  static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

  /// Bit for bit the product of the kernel and im2col, over random geometries (kernel 1–4,
  /// stride 1–3, padding 0–2, output rows of 7 or 14 pixels: one or two tiles), for a
  /// part of a batch read in place; none where the output channels are not a multiple of 32,
  /// a row's pixels not a multiple of 7, or the taps fewer than 64.
  @Test func directProductIsTheProductWithIm2col() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...4), Gen.int(in: 1...3), Gen.int(in: 0...2), Gen.uint64()) { k, s, p, seed in
      var g = SeededGenerator(seed: seed)
      // At least 64 taps: channels · k² ≥ 64.
      let (channels, outputs) = ((64 + k * k - 1) / (k * k) + Int.random(in: 0...2, using: &g), 32 * Int.random(in: 1...2, using: &g))
      // Output rows of 7 or 14 pixels: size = (rows − 1)·s + k − 2p (at least k).
      let rows = 7 * Int.random(in: 1...2, using: &g)
      let size = max(k, (rows - 1) * s + k - 2 * p)
      let batch = Int.random(in: 1...3, using: &g)
      let first = Int.random(in: 0...1, using: &g)
      let images = g.tensor(shape: [batch + first, channels, size, size])
      let geometry = ConvolutionGeometry(batch: batch, channels: channels, height: size, width: size,
                                         kernelSize: k, stride: s, padding: p)
      let kernel = g.tensor(outputs, geometry.patchSize)
      let expected = Tensor.orderedProduct(kernel, images.im2col(ConvolutionGeometry(imageShape: images.shape, kernelSize: k, stride: s, padding: p)))
        .reshaped([outputs, batch + first, geometry.outputPositions])
      guard let direct = images.directConvolutionProduct(kernel: kernel, geometry, firstImage: first) else {
        Issue.record("no direct product for \(outputs) outputs"); return
      }
      let part = direct.reshaped([outputs, batch, geometry.outputPositions])
      for o in 0..<outputs {
        for b in 0..<batch {
          let want = (0..<geometry.outputPositions).map { expected.scalars[(o * (batch + first) + first + b) * geometry.outputPositions + $0].bitPattern }
          let got = (0..<geometry.outputPositions).map { part.scalars[(o * batch + b) * geometry.outputPositions + $0].bitPattern }
          #expect(got == want, "k \(k) s \(s) p \(p) size \(size) output \(o) image \(b)")
        }
      }
      #expect(images.directConvolutionProduct(kernel: g.tensor(16, geometry.patchSize), geometry, firstImage: first) == nil)
      let wider = ConvolutionGeometry(batch: 1, channels: 64, height: 8, width: 8, kernelSize: 1)
      #expect(g.tensor(shape: [1, 64, 8, 8]).directConvolutionProduct(kernel: g.tensor(32, 64), wider) == nil)
      let few = ConvolutionGeometry(batch: 1, channels: 3, height: 8, width: 8, kernelSize: 4, padding: 1)
      #expect(few.outputWidth == 7 && g.tensor(shape: [1, 3, 8, 8]).directConvolutionProduct(kernel: g.tensor(32, 48), few) == nil)
    }
  }

  /// Bit for bit the columns Wᵀ · G added back onto the images by col2im, over random
  /// geometries whose rows hold 7 or 14 pixels of each residue; none where the channels are not
  /// a multiple of 16.
  @Test func directColumnsToImagesIsCol2imOfTheProduct() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...4), Gen.int(in: 1...3), Gen.int(in: 0...2), Gen.uint64()) { k, s, p, seed in
      var g = SeededGenerator(seed: seed)
      let width = s * 7 * Int.random(in: 1...2, using: &g)
      guard width + 2 * p >= k else { return }
      let (channels, outputs, batch) = (16 * Int.random(in: 1...2, using: &g), Int.random(in: 1...5, using: &g),
                                        Int.random(in: 1...3, using: &g))
      let geometry = ConvolutionGeometry(batch: batch, channels: channels, height: width, width: width,
                                         kernelSize: k, stride: s, padding: p)
      let kernel = g.tensor(outputs, geometry.patchSize)
      let rows = g.tensor(outputs, batch * geometry.outputPositions)
      let expected = Tensor.orderedProduct(kernel, rows, transposeA: true).col2im(geometry)
      var direct = Tensor(repeating: .nan, shape: geometry.imageShape)
      let applied = direct.scalars.withUnsafeMutableBufferPointer {
        directColumnsToImages(kernel: kernel, rows: rows, geometry, into: $0.baseAddress!)
      }
      #expect(applied)
      #expect(Self.bits(direct) == Self.bits(expected), "k \(k) s \(s) p \(p) width \(width) channels \(channels)")
      let narrow = ConvolutionGeometry(batch: 1, channels: 8, height: 7, width: 7, kernelSize: 1)
      var target = [Float](repeating: 0, count: 8 * 49)
      #expect(!directColumnsToImages(kernel: g.tensor(1, 8), rows: g.tensor(1, 49), narrow, into: &target))
    }
  }

  /// Bit for bit G · im2col(x)ᵀ, over random geometries and a part of a batch read in place;
  /// none where the output channels are not a multiple of 32 or the taps of 8.
  @Test func directKernelGradientIsTheProductWithIm2col() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...4), Gen.int(in: 1...3), Gen.int(in: 0...2), Gen.uint64()) { k, s, p, seed in
      var g = SeededGenerator(seed: seed)
      let channels = 8 * Int.random(in: 1...2, using: &g)
      let (outputs, batch, first) = (32 * Int.random(in: 1...2, using: &g), Int.random(in: 1...3, using: &g),
                                     Int.random(in: 0...1, using: &g))
      let size = max(k, Int.random(in: 1...12, using: &g))
      guard size + 2 * p >= k else { return }
      let images = g.tensor(shape: [batch + first, channels, size, size])
      let geometry = ConvolutionGeometry(batch: batch, channels: channels, height: size, width: size,
                                         kernelSize: k, stride: s, padding: p)
      let rows = g.tensor(outputs, batch * geometry.outputPositions)
      let part = images.rows(first..<(first + batch))
      let expected = Tensor.orderedProduct(rows, part.im2col(geometry), transposeB: true)
      guard let direct = directKernelGradient(rows: rows, images: images, geometry, firstImage: first) else {
        Issue.record("no direct kernel gradient for \(outputs) outputs, \(geometry.patchSize) taps"); return
      }
      #expect(Self.bits(direct) == Self.bits(expected), "k \(k) s \(s) p \(p) size \(size) channels \(channels)")
      #expect(directKernelGradient(rows: g.tensor(16, batch * geometry.outputPositions), images: images, geometry,
                                   firstImage: first) == nil)
    }
  }
}
