/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health
    case attention, qkv, positions, mask, samples, compare

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .confusion: .confusion
        case .attention, .mask: .attentionMaps
        case .qkv: .attentionStep
        case .positions: .positionTable
        case .samples: .wordSamples
        case .compare: []
        }
    }
}

extension LabView {
    /// The values of the view's own control, moved with ← and → while the views have the
    /// focus (a kernel, a test image, a step of the backward pass); nil when it has none.
    var controlRange: ClosedRange<Int>? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health, .positions, .mask, .samples, .compare: nil
        case .attention: 0...99
        case .qkv: 0...63
        }
    }

    /// What ← → (and Enter, when the view has an action) do, for the footer and help.
    var controlHint: String? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health, .positions, .mask: nil
        case .attention: "← → another validation sequence"
        case .qkv: "← → another query token"
        case .samples: "Enter samples new words"
        case .compare: "Enter trains an LSTM on the same data"
        }
    }
}
