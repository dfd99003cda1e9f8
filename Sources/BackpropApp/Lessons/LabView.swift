/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .confusion: .confusion
        }
    }
}
