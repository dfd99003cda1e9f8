/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health
    case graph, losses

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .confusion: .confusion
        case .graph: .computationGraph
        case .losses: []
        }
    }
}

extension LabView {
    /// The values of the view's own control, moved with ← and → while the views have the
    /// focus (a kernel, a test image, a step of the backward pass); nil when it has none.
    var controlRange: ClosedRange<Int>? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .graph: 0...ComputationGraph.stepCount - 1
        case .losses: 0...LossExplorer.controlPercents.count - 1
        }
    }

    /// What ← → (and Enter, when the view has an action) do, for the footer and help.
    var controlHint: String? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health: nil
        case .graph: "← → one operation · Enter: next training sample"
        case .losses: "← → the predicted probability of the true class"
        }
    }
}
