import Testing

/// Every fuzz target, one at a time: `CrashReport` has one slot for the case in flight, and
/// each target's time budget should not be shared with another fuzzer.
/// `swift test --filter Fuzz` runs them all (see `scripts/fuzz`).
@Suite(.serialized) struct Fuzz {}
