/// The recurrent lesson's costly views (bits 12–15).
extension SessionViews {
    /// One validation sample read through the network: the hidden state at each step.
    public static let unrolledTrace = SessionViews(rawValue: 1 << 12)
    /// The same for the gates and the cell state (its own sample, its own control).
    public static let gateTrace = SessionViews(rawValue: 1 << 13)
    /// Words sampled from the model every few seconds.
    public static let generatedWords = SessionViews(rawValue: 1 << 14)
    /// ‖∂L/∂h_t‖ per step of the last training step, recorded by the recurrent layers.
    public static let stepGradients = SessionViews(rawValue: 1 << 15)
}
