extension LabView {
    /// The views a lab on an autoencoder may show.
    static let autoencoderViews = [LabView.reconstructions, .latent, .decoder, .anomaly].map(\.rawValue)
}
