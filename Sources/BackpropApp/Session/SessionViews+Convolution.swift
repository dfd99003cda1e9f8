/// The convolution lesson's costly views (bits 8–11).
extension SessionViews {
    /// The kernel explorer and the pooling comparison on one test image.
    public static let convolutionExplorer = SessionViews(rawValue: 1 << 8)
    /// The network on one test image: first-layer filters, every layer's feature maps and
    /// the predicted class probabilities.
    public static let featureMaps = SessionViews(rawValue: 1 << 9)
    /// The most confident mistakes on a bounded share of the validation set.
    public static let mistakes = SessionViews(rawValue: 1 << 10)
    /// Parameters per layer of the lab's network and of `fashion-mlp`.
    public static let parameterTable = SessionViews(rawValue: 1 << 11)
}
