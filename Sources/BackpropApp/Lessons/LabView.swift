/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health
    case unrolled, samples, gates, stepGradients = "step_gradients"

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .confusion: .confusion
        case .unrolled: .unrolledTrace
        case .gates: .gateTrace
        case .samples: .generatedWords
        case .stepGradients: .stepGradients
        }
    }
}

extension LabView {
    /// The values of the view's own control, moved with ← and → while the views have the
    /// focus (a kernel, a test image, a step of the backward pass); nil when it has none.
    var controlRange: ClosedRange<Int>? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .unrolled, .gates: 0...RecurrentViewCapture.choosableSamples - 1
        case .samples: 1...30
        case .stepGradients: nil
        }
    }

    /// What ← → (and Enter, when the view has an action) do, for the footer and help.
    var controlHint: String? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .unrolled, .gates: "← → another validation sample"
        case .samples: "← → temperature"
        case .stepGradients: nil
        }
    }
}
