/// One reader to fuzz: how to make an input, and the property every input must keep.
/// An input is always the bytes of a file as `Tests/hostile/<kind>/` holds it, so a case
/// that breaks something is added to the corpus as it is.
struct FuzzTarget: Sendable {
    /// The corpus kind: `lessons`, `safetensors`, `idx`, `keys`.
    let name: String
    let fileExtension: String
    /// The test that runs this target, for the replay line (`swift test --filter`).
    let testFilter: String
    let makeInput: @Sendable (inout FuzzRandom) -> [UInt8]
    /// Runs the reader on one input; it must give a value or its own error, never trap.
    let check: @Sendable ([UInt8]) -> FuzzOutcome
}

/// What one input did to the reader.
enum FuzzOutcome: Equatable {
    /// It gave a value.
    case accepted
    /// It threw (or reported) its own, well-formed error.
    case refused
    /// It broke the property; says how.
    case broken(String)
}
