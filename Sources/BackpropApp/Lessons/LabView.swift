/// A view a lab pane can show, by the name a lesson file gives it.
enum LabView: String, CaseIterable, Sendable {
    case boundary, loss, network, histograms, confusion, health, layerGradients = "layer_gradients"
    case functions, dead, surface, race, rangeTest = "range-test", schedule
    case graph, losses
    case unrolled, samples, gates, stepGradients = "step_gradients"
    case attention, qkv, positions, mask, compare
    case convolution, pooling, filters, featuremaps, prediction, mistakes, parameters
    case reconstructions, latent, decoder, anomaly

    /// Whether the view shows the lab's own run. The valley race, the function and loss
    /// plots, the convolution explorer and the parameter table are experiments of their own:
    /// a lab showing only those has nothing for Space to train.
    var followsTheRun: Bool {
        switch self {
        case .surface, .functions, .losses, .convolution, .pooling, .parameters: false
        default: true
        }
    }

    /// The costly part of a snapshot this view needs computed.
    var sessionViews: SessionViews {
        switch self {
        case .boundary, .loss: []
        case .network: .neuronOutputs
        case .histograms: .probes
        case .health: [.probes, .health]
        case .layerGradients: .probes
        case .confusion: .confusion
        case .functions, .schedule: []
        case .dead: .deadUnits
        case .surface: .surfaceRace
        case .race: .optimizerRace
        case .rangeTest: .rangeTest
        case .graph: .computationGraph
        case .losses: []
        case .unrolled: .unrolledTrace
        case .gates: .gateTrace
        case .samples: .generatedWords
        case .stepGradients: .stepGradients
        case .attention, .mask: .attentionMaps
        case .qkv: .attentionStep
        case .positions: .positionTable
        case .compare: []
        case .convolution, .pooling: .convolutionExplorer
        case .filters, .featuremaps, .prediction: .featureMaps
        case .mistakes: .mistakes
        case .parameters: .parameterTable
        case .reconstructions, .latent, .decoder, .anomaly: .autoencoder
        }
    }
}

extension LabView {
    /// The views whose control moves with this one's: the feature maps and the prediction
    /// show the same test image, as the lesson describes them.
    var viewsSharingControl: [LabView] {
        switch self {
        case .featuremaps: [.prediction]
        case .prediction: [.featuremaps]
        default: []
        }
    }

    /// The values of the view's own control, moved with ← and → while the views have the
    /// focus (a kernel, a test image, a step of the backward pass); nil when it has none.
    var controlRange: ClosedRange<Int>? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health, .layerGradients: nil
        case .functions: 0...(ActivationPlotView.functions.count - 1)
        case .surface: 0...(OptimizerExperiments.raceLearningRates.count - 1)
        case .dead, .race, .rangeTest, .schedule: nil
        case .graph: 0...ComputationGraph.stepCount - 1
        case .losses: 0...LossExplorer.controlPercents.count - 1
        case .unrolled, .gates: 0...RecurrentViewCapture.choosableSamples - 1
        case .samples: 1...30
        case .stepGradients: nil
        case .positions, .mask, .compare: nil
        case .attention: 0...99
        case .qkv: 0...63
        case .convolution: 0...ExplorerKernel.choiceCount - 1
        case .pooling: 0...4
        case .featuremaps, .prediction: 0...Self.chosenImages - 1
        case .filters, .mistakes, .parameters: nil
        case .decoder: 0...DecoderGrid.positions - 1
        case .reconstructions, .latent, .anomaly: nil
        }
    }

    /// Test images the feature-map and prediction views choose from.
    static let chosenImages = 100

    /// What ← → (and Enter, when the view has an action) do, for the footer and help.
    var controlHint: String? {
        switch self {
        case .boundary, .loss, .network, .histograms, .confusion, .health, .layerGradients: nil
        case .functions: "← → choose the function"
        case .surface: "← → learning rate · Enter restarts the race"
        case .race: "Enter races every optimizer on this network"
        case .rangeTest: "Enter runs the learning-rate range test"
        case .dead, .schedule: nil
        case .graph: "← → one operation · Enter: next training sample"
        case .losses: "← → the predicted probability of the true class"
        case .unrolled, .gates: "← → another validation sample"
        case .samples: "← → temperature · Enter new words"
        case .stepGradients: nil
        case .positions, .mask: nil
        case .attention: "← → another validation sequence"
        case .qkv: "← → another query token"
        case .compare: "Enter trains an LSTM on the same data"
        case .convolution: "← → kernel, stride and padding · Enter next image"
        case .pooling: "← → shift the image · Enter next image"
        case .featuremaps, .prediction: "← → choose the test image"
        case .filters, .mistakes, .parameters: nil
        case .decoder: "← → move the point across the plane"
        case .reconstructions, .latent, .anomaly: nil
        }
    }
}
