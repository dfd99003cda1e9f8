/// SplitMix64: a small, fast generator whose whole state is one number, so a fuzz case is
/// replayed from its seed alone, on any machine and in any Swift version (the standard
/// library's generator is neither seedable nor stable).
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator of case `index` of a run seeded with `seed`: each case depends on these
    /// two numbers only, so one case can be replayed without running those before it.
    init(seed: UInt64, case index: Int) {
        state = seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        state = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// True with probability `chance`.
    mutating func chance(_ chance: Double) -> Bool { Double.random(in: 0..<1, using: &self) < chance }

    /// A count that is usually small and now and then large: mutations mostly nudge.
    mutating func smallCount(upTo limit: Int) -> Int {
        guard limit > 1 else { return Int.random(in: 0...max(limit, 0), using: &self) }
        let bits = Int.random(in: 0...(Int.bitWidth - 1 - limit.leadingZeroBitCount), using: &self)
        return Int.random(in: 0...min(limit, (1 << bits)), using: &self)
    }
}
