/// Eight-lane versions of the scalar `fastExponential`, `logistic` and `fastTanh`, with the
/// same operations in the same order, so each lane equals the scalar result bit for bit.
///
/// Choices between lanes use the sign bit of a difference, spread over the lane by an
/// arithmetic shift, instead of comparisons: a comparison of eight floats yields an
/// eight-bit mask that SSE has no register for, and unpacking it took more time than the
/// arithmetic (and `pointwiseMin` or `replacing(with:where:)` compile to per-lane calls).
extension SIMD8 where Scalar == Float {
    @inline(__always)
    var bits: SIMD8<UInt32> { unsafeBitCast(self, to: SIMD8<UInt32>.self) }

    @inline(__always)
    init(bits: SIMD8<UInt32>) { self = unsafeBitCast(bits, to: SIMD8<Float>.self) }

    /// All ones in the lanes whose sign bit is set (negative values), zeros elsewhere.
    @inline(__always)
    var negativeLanes: SIMD8<UInt32> {
        unsafeBitCast(unsafeBitCast(self, to: SIMD8<Int32>.self) &>> 31, to: SIMD8<UInt32>.self)
    }

    /// Lanes of `other` where `mask` is all ones, of `self` elsewhere.
    @inline(__always)
    func replacingLanes(_ mask: SIMD8<UInt32>, with other: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(bits: (bits & ~mask) | (other.bits & mask))
    }

    /// min(self, limit) per lane: the lanes where limit − self is negative take the limit.
    @inline(__always)
    func capped(at limit: Float) -> SIMD8<Float> {
        let bound = SIMD8(repeating: limit)
        return replacingLanes((bound - self).negativeLanes, with: bound)
    }

    /// max(self, limit) per lane.
    @inline(__always)
    func floored(at limit: Float) -> SIMD8<Float> {
        let bound = SIMD8(repeating: limit)
        return replacingLanes((self - bound).negativeLanes, with: bound)
    }

    /// |self| per lane (the sign bit cleared).
    @inline(__always)
    var magnitude: SIMD8<Float> { SIMD8(bits: bits & 0x7FFF_FFFF) }

    /// The sign bit of `source` copied onto each lane of `self` (which is non-negative).
    @inline(__always)
    func withSign(of source: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(bits: bits | (source.bits & 0x8000_0000))
    }
}

/// e^y per lane for y in [−87, 88], as `fastExponential`. The rounding shift leaves k in the
/// low bits of the shifted float, so 2^k is built by integer operations on those bits.
@inline(__always)
func fastExponential(_ y: SIMD8<Float>) -> SIMD8<Float> {
    let roundingShift = SIMD8<Float>(repeating: 12_582_912)
    let shifted = y * 1.442_695_04 + roundingShift
    let k = shifted - roundingShift
    let r = (y - k * 0.693_145_751_953_125) - k * 1.428_606_820_309_417_2e-6
    // Horner's rule from the innermost term, one typed step at a time (as one expression
    // the type checker gives up).
    var polynomial = SIMD8<Float>(repeating: 1.0 / 5040)
    for coefficient: Float in [1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5, 1, 1] {
        polynomial = coefficient + r * polynomial
    }
    let exponent = (shifted.bits &- roundingShift.bits) &+ 127
    return polynomial * SIMD8(bits: exponent &<< 23)
}

/// σ(x) per lane, as `logistic` (the input clamped to ±80).
@inline(__always)
func logistic(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let clamped = x.capped(at: 80).floored(at: -80)
    return 1 / (1 + fastExponential(-clamped))
}

/// tanh(x) per lane, as `fastTanh`.
@inline(__always)
func fastTanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = x.magnitude.capped(at: 9)
    let x2 = magnitude * magnitude
    var series = SIMD8<Float>(repeating: 62.0 / 2835)
    for coefficient: Float in [-17.0 / 315, 2.0 / 15, -1.0 / 3, 1] {
        series = coefficient + x2 * series
    }
    series = magnitude * series
    let e = fastExponential(-2 * magnitude)
    let viaExponential = (1 - e) / (1 + e)
    return viaExponential.replacingLanes((magnitude - 0.125).negativeLanes, with: series).withSign(of: x)
}

/// erf(x) per lane, as the scalar `fastErf`.
@inline(__always)
func fastErf(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let magnitude = x.magnitude.capped(at: 6)
    let t = 1 / (1 + 0.327_591_1 * magnitude)
    var polynomial = SIMD8<Float>(repeating: 1.061_405_429)
    for coefficient: Float in [-1.453_152_027, 1.421_413_741, -0.284_496_736, 0.254_829_592] {
        polynomial = coefficient + t * polynomial
    }
    polynomial = t * polynomial
    let result = 1 - polynomial * fastExponential(-magnitude * magnitude)
    return result.replacingLanes(x.negativeLanes, with: -result)
}
