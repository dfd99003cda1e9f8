import BackpropEngine

/// What a lab on images can show and how large its network is, for `AppLabCatalog`: the
/// MLP description alone would miss the convolutional layers.
enum ConvolutionLabFacts {
    /// The convolution lesson's views a configuration can feed: the explorer, predictions
    /// and mistakes on any image dataset; filters and feature maps only with convolutions.
    static func views(for configuration: RunConfiguration) -> [String] {
        guard configuration.dataset == .fashionMNIST else { return [] }
        var views: [LabView] = [.convolution, .pooling, .prediction, .mistakes, .parameters]
        if configuration.convolution != nil { views += [.filters, .featuremaps] }
        return views.map(\.rawValue)
    }

    /// The parameters of the network a convolutional configuration builds (nil for others,
    /// whose MLP description counts them exactly).
    static func parameterCount(_ configuration: RunConfiguration) -> Int? {
        guard configuration.convolution != nil, let layers = try? configuration.makeLayers(for: configuration.task, seed: 1),
              let network = try? Network(layers: layers, inputShape: configuration.inputShape, loss: configuration.loss.make(for: configuration.task))
        else { return nil }
        return network.parameterCount
    }
}
