/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health
    case convolution, pooling, filters, featuremaps, prediction, mistakes, parameters

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .confusion: .confusion
        case .convolution, .pooling: .convolutionExplorer
        case .filters, .featuremaps, .prediction: .featureMaps
        case .mistakes: .mistakes
        case .parameters: .parameterTable
        }
    }
}

extension LabView {
    /// The values of the view's own control, moved with ← and → while the views have the
    /// focus (a kernel, a test image, a step of the backward pass); nil when it has none.
    var controlRange: ClosedRange<Int>? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .convolution: 0...ExplorerKernel.choiceCount - 1
        case .pooling: 0...4
        case .featuremaps, .prediction: 0...Self.chosenImages - 1
        case .filters, .mistakes, .parameters: nil
        }
    }

    /// Test images the feature-map and prediction views choose from.
    static let chosenImages = 100

    /// What ← → (and Enter, when the view has an action) do, for the footer and help.
    var controlHint: String? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .convolution: "← → kernel, stride and padding · Enter next image"
        case .pooling: "← → shift the image · Enter next image"
        case .featuremaps, .prediction: "← → choose the test image"
        case .filters, .mistakes, .parameters: nil
        }
    }
}
