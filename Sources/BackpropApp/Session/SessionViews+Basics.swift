/// The basic lessons' costly views (bits 4–7).
extension SessionViews {
    /// The 2-2-1 network unrolled into scalar operations for one training sample, with the
    /// engine's values, gradients and finite differences (the forward-backward lesson).
    public static let computationGraph = SessionViews(rawValue: 1 << 4)
}
