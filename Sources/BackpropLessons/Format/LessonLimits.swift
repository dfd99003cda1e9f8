/// The bounds an untrusted lesson file must stay within, so a hostile or careless file is
/// refused with a message instead of exhausting memory, time or the trainer.
public struct LessonLimits: Equatable, Sendable {
    public var fileBytes = 256 * 1024
    /// Front matter and each lab block, in bytes.
    public var yamlBlockBytes = 16 * 1024
    /// Nesting of mappings and lists inside one YAML block.
    public var yamlDepth = 6
    public var pages = 40
    public var labs = 40
    public var hintsPerLab = 10
    public var hintCharacters = 600
    public var demoSteps = 20
    /// A demo caption is one line under the presented view.
    public var demoCaptionCharacters = 120
    /// Claims in one lesson, seeds per claim, and the length of a claim's `says`.
    public var claims = 120
    public var seedsPerClaim = 10
    public var claimCharacters = 300
    public var titleCharacters = 80
    public var summaryCharacters = 300
    /// Total hidden neurons of a lab's network, at the start and under any goal limit.
    public var hiddenNeurons = 512
    /// Trainable parameters of a lab's network: enough for the 784-128-64-10 MLP.
    public var parameters = 250_000

    public init() {}

    /// The limits `backprop lint` and the lesson screen use.
    public static let standard = LessonLimits()
}
