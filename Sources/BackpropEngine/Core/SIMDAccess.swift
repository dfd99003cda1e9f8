/// Unaligned eight-float loads and stores for the hand-vectorized loops.
extension SIMD8 where Scalar == Float {
    @inline(__always)
    init(load pointer: UnsafePointer<Float>) {
        self = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    init(load pointer: UnsafeMutablePointer<Float>) {
        self.init(load: UnsafePointer(pointer))
    }

    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD8<Float>.self)
    }
}

extension SIMD8 where Scalar == Float {
    /// √x for x ≥ 0, eight lanes in vector instructions: Swift lowers `squareRoot()` on SIMD
    /// types to one checked scalar call per lane. An initial 1/√x from the float's bits is
    /// refined by three Newton steps (relative error ~1e-7), then multiplied by x.
    @inline(__always)
    func nonNegativeSquareRoot() -> SIMD8<Float> {
        let bits = unsafeBitCast(self, to: SIMD8<UInt32>.self)
        var inverse = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5F37_59DF) &- (bits &>> 1), to: SIMD8<Float>.self)
        let half = 0.5 * self
        for _ in 0..<3 { inverse = inverse * (1.5 - half * inverse * inverse) }
        return self * inverse
    }
}

extension SIMD8 where Scalar == Float {
    /// The first `count` floats at `pointer` (all eight when `count` ≥ 8), zeros after them:
    /// loops over widths that are not a multiple of eight run their last lanes through this.
    @inline(__always)
    init(load pointer: UnsafePointer<Float>, count: Int) {
        if count >= 8 {
            self.init(load: pointer)
        } else {
            self.init()
            for lane in 0..<count { self[lane] = pointer[lane] }
        }
    }

    @inline(__always)
    init(load pointer: UnsafeMutablePointer<Float>, count: Int) {
        self.init(load: UnsafePointer(pointer), count: count)
    }

    /// Stores the first `count` lanes (all eight when `count` ≥ 8).
    @inline(__always)
    func store(to pointer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= 8 {
            store(to: pointer)
        } else {
            for lane in 0..<count { pointer[lane] = self[lane] }
        }
    }
}
