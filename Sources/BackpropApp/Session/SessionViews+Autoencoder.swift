/// The autoencoder lesson's views (bits 24–27).
extension SessionViews {
    /// Test images through the autoencoder: reconstructions, their codes on the plane, the
    /// error of each class and an image decoded from the point the learner chose.
    public static let autoencoder = SessionViews(rawValue: 1 << 24)
}
