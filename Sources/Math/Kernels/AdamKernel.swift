extension Adam.Rule {
  /// `update` on every coordinate of a parameter `theta` and its moments `m` and `v` for the
  /// gradient `g` (all of one shape), bit for bit (`AdamKernelTests`): one pass over the
  /// four tensors, eight lanes at a time, with the square root of `laneSquareRoot`.
  func updateAll(_ theta: inout Tensor, firstMoment m: inout Tensor, secondMoment v: inout Tensor,
                 gradient g: Tensor) {
    precondition(theta.shape == g.shape && m.shape == g.shape && v.shape == g.shape,
                 "Adam: parameter \(theta.shape), moments \(m.shape), \(v.shape) and gradient \(g.shape) differ")
    let (b1, b2, eps, stepSize, inverseRoot) = (beta1, beta2, epsilon, stepSize, inverseRootCorrection)
    let n = g.count
    theta.scalars.withUnsafeMutableBufferPointer { thetaBuffer in
      m.scalars.withUnsafeMutableBufferPointer { mBuffer in
        v.scalars.withUnsafeMutableBufferPointer { vBuffer in
          g.scalars.withUnsafeBufferPointer { gBuffer in
            guard n > 0 else { return }
            let (theta, m, v, g) = (thetaBuffer.baseAddress!, mBuffer.baseAddress!, vBuffer.baseAddress!, gBuffer.baseAddress!)
            var j = 0
            while j + 8 <= n {
              let gj = UnsafeRawPointer(g + j).loadUnaligned(as: SIMD8<Float>.self)
              let mj = flushingSubnormals(b1 * UnsafeRawPointer(m + j).loadUnaligned(as: SIMD8<Float>.self) + (1 - b1) * gj)
              let vj = flushingSubnormals(b2 * UnsafeRawPointer(v + j).loadUnaligned(as: SIMD8<Float>.self) + (1 - b2) * gj * gj)
              let t = UnsafeRawPointer(theta + j).loadUnaligned(as: SIMD8<Float>.self)
              UnsafeMutableRawPointer(m + j).storeBytes(of: mj, as: SIMD8<Float>.self)
              UnsafeMutableRawPointer(v + j).storeBytes(of: vj, as: SIMD8<Float>.self)
              let update = stepSize * mj / (laneSquareRoot(vj) * inverseRoot + eps)
              UnsafeMutableRawPointer(theta + j).storeBytes(of: t - update, as: SIMD8<Float>.self)
              j += 8
            }
            while j < n {
              update(&theta[j], firstMoment: &m[j], secondMoment: &v[j], gradient: g[j])
              j += 1
            }
          }
        }
      }
    }
  }
}

/// `flushingSubnormal` lane by lane.
@inline(__always)
func flushingSubnormals(_ x: SIMD8<Float>) -> SIMD8<Float> {
  let tiny = SIMD8<Float>(repeating: .leastNormalMagnitude)
  // Zeros are left alone, so that −0 stays −0 as in the scalar version.
  return x.replacing(with: 0, where: (x .< tiny) .& (x .> -tiny) .& (x .!= 0))
}
