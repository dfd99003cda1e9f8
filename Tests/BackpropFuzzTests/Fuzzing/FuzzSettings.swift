import Foundation

/// How long and from where a fuzz run goes. `swift test` uses each target's small CI budget
/// and a fixed seed, so CI is repeatable; `scripts/fuzz` sets the environment for longer
/// runs from fresh seeds, and for replaying one case.
struct FuzzSettings {
    /// Seconds per target (`BACKPROP_FUZZ_SECONDS`); the run also stops after `maximumCases`.
    var seconds: Double
    var maximumCases: Int
    /// `BACKPROP_FUZZ_SEED`.
    var seed: UInt64
    /// `BACKPROP_FUZZ_CASE`: run only this case (a replay).
    var onlyCase: Int?
    /// A case slower than this fails the run (`BACKPROP_FUZZ_SLOW_SECONDS`); one slower than
    /// `hangSeconds` is taken for a hang and stops the process (`BACKPROP_FUZZ_HANG_SECONDS`).
    var slowSeconds: Double
    var hangSeconds: Double
    /// Growth of the process's peak memory in one case that fails the run: inputs are small,
    /// so a reader that allocates this much trusted a size it read.
    var memoryGrowthBytes = 512 << 20

    static let defaultSeed: UInt64 = 20_251_203

    /// The settings for a target whose CI budget is `ciSeconds` and `ciCases`.
    static func current(ciSeconds: Double, ciCases: Int) -> FuzzSettings {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["BACKPROP_FUZZ_SECONDS"].flatMap(Double.init) ?? ciSeconds
        let longRun = environment["BACKPROP_FUZZ_SECONDS"] != nil
        return FuzzSettings(
            seconds: seconds,
            maximumCases: environment["BACKPROP_FUZZ_CASES"].flatMap(Int.init) ?? (longRun ? .max : ciCases),
            seed: environment["BACKPROP_FUZZ_SEED"].flatMap(UInt64.init) ?? defaultSeed,
            onlyCase: environment["BACKPROP_FUZZ_CASE"].flatMap(Int.init),
            slowSeconds: environment["BACKPROP_FUZZ_SLOW_SECONDS"].flatMap(Double.init) ?? 5,
            hangSeconds: environment["BACKPROP_FUZZ_HANG_SECONDS"].flatMap(Double.init) ?? 30)
    }
}
