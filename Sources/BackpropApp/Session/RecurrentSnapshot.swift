import BackpropEngine

/// A validation sample read through the first recurrent layer, for the unrolled and gate views.
public struct TracedSample: Sendable {
    /// Which sample (the view's control, wrapped) out of how many.
    public var index: Int
    public var count: Int
    /// What was read at each step, and the model's answer there ("" where it gives none).
    public var labels: [String]
    public var predictions: [String]
    /// Steps the views keep in sight however short the pane (the adding problem's marked steps).
    public var markedSteps: Set<Int> = []
    public var trace: RecurrentTrace
    /// The sample in a few words: the word read, or the target and the model's answer.
    public var summary: String
}

/// What the recurrent lesson's views show, copied out on the trainer thread.
public struct RecurrentSnapshot: Sendable {
    /// The sample the unrolled view traces, and the one the gate view traces.
    public var unrolled: TracedSample?
    public var gates: TracedSample?
    /// Words sampled at `temperature` after training step `samplingStep`.
    public var generated: [String] = []
    public var temperature: Float = 1
    public var samplingStep = 0
    /// ‖∂L/∂h_t‖ per step t of training step `gradientStep` (empty before one is recorded).
    public var stepGradientNorms: [Float] = []
    public var gradientStep = 0

    public init() {}
}
