/// The views of the activations and optimizers lessons. Bits 20–23: the basics lessons'
/// 4–7 are shared with the computation-graph lesson, so these take free bits of their own.
extension SessionViews {
    /// Dead ReLU units per hidden layer over the whole training set.
    public static let deadUnits = SessionViews(rawValue: 1 << 20)
    /// The optimizers racing over a two-parameter loss surface.
    public static let surfaceRace = SessionViews(rawValue: 1 << 21)
    /// Short runs of the lab's network, one per optimizer, from the same seed.
    public static let optimizerRace = SessionViews(rawValue: 1 << 22)
    /// The learning-rate range test on a fresh copy of the lab's network.
    public static let rangeTest = SessionViews(rawValue: 1 << 23)
}
