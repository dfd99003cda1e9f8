/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every source of randomness in a run draws from one of these, so the same seed gives
/// bit-identical training runs on every machine.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1), with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Standard normal sample (Box–Muller, both values used).
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        var u1 = uniform()
        while u1 <= .leastNormalMagnitude { u1 = uniform() }
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }

    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// Uniform integer in 0..<bound.
    public mutating func index(below bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// Fisher–Yates shuffle in place.
    public mutating func shuffle(_ array: inout [Int]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }

    /// An independent generator for a sub-task (data, init, dropout), derived from this one.
    public mutating func split() -> RandomGenerator {
        RandomGenerator(seed: next())
    }
}
