import BackpropEngine
import BackpropWidgets

/// What the trainer thread records after each training step for the views a run offers,
/// shown or not (DESIGN.md §6: whether a view is on screen changes how often its snapshot
/// is copied, never what is recorded). Bounded: each Dense layer's log10 update:data ratio
/// per step, thinned by step in a `SeriesHistory`, and the per-layer probes of a recent
/// training batch.
struct TrainingRecorder {
    /// Points kept per layer in the update-ratio history (older ones are merged in pairs).
    static let updateRatioCapacity = 256
    /// Seconds between two probes while training: about one per published snapshot.
    static let probeInterval = TrainingSession.publishInterval
    /// Histogram bins of each probe.
    static let probeBins = 16

    /// log10(std(update) / std(weight)) per Dense layer over steps, in network order.
    private(set) var updateRatioHistory: [SeriesHistory] = []
    /// Each training step's batch loss, the loss chart's noisy line: recorded for every
    /// run, since every lab shows a loss chart. Once full, each point is a mean of steps.
    private(set) var stepLosses = SeriesHistory(capacity: Self.stepLossCapacity)
    static let stepLossCapacity = 1024
    /// Every Dense layer's weights, gradients and activations after a recent training step.
    private(set) var probes: [LayerProbe] = []
    private var lastProbeTime = -Double.infinity
    /// For each Dense layer of the network last recorded, found once per network, its
    /// weight's index in `network.weights` (where the trainer keeps its update ratio).
    private var denseWeights: (network: Network, indices: [Int?])?

    /// The views whose series this recorder keeps.
    static let views: SessionViews = [.probes, .health]

    /// Records the step the trainer just took (`endedEpoch`: it also ran the epoch's
    /// validation pass) for the `recording` views. `everyStep` probes regardless of time
    /// (a step the learner asked for).
    mutating func recordStep(_ trainer: Trainer, recording: SessionViews, endedEpoch: Bool, everyStep: Bool = false,
                             now: Double = monotonicSeconds()) {
        if trainer.lastBatchLoss.isFinite { stepLosses.append(step: trainer.step, value: Double(trainer.lastBatchLoss)) }
        if recording.contains(.health) && trainer.tracksUpdateRatios { recordUpdateRatios(trainer) }
        guard !recording.isDisjoint(with: Self.views) else { return }
        // The probes read the activations the last forward pass left: after an epoch's last
        // step that pass was the validation set's, so probe the training batch of the step
        // before it. That step is probed in every epoch, whatever the time, so a finished run
        // shows the same probes however often it was looked at.
        let stepsPerEpoch = trainer.stepsPerEpoch
        let probesTrainingBatch = !endedEpoch || stepsPerEpoch == 1
        let nextStepEndsEpoch = stepsPerEpoch > 1 && trainer.step % stepsPerEpoch == stepsPerEpoch - 1
        guard probesTrainingBatch, everyStep || nextStepEndsEpoch || now - lastProbeTime >= Self.probeInterval else { return }
        lastProbeTime = now
        // With a batch split across cores (convolutional models with a dense head), the weights,
        // gradients and update ratios probed are the whole batch's; the activation histograms
        // are of the first part's rows, the main network's own: a sample of the same batch.
        probes = trainer.network.probe(bins: Self.probeBins, updateRatios: trainer.tracksUpdateRatios ? trainer.updateRatios : [:])
    }

    /// Probes `trainer` as it is now (rewound to a checkpoint, with the gradients of its next
    /// batch computed): the health and gradient views then describe that model.
    mutating func probeNow(_ trainer: Trainer) {
        probes = trainer.network.probe(bins: Self.probeBins)
        lastProbeTime = monotonicSeconds()
    }

    /// A branch replaces the steps after `step`: their points go.
    mutating func dropAfter(step: Int) {
        stepLosses.dropAfter(step: step)
        for index in updateRatioHistory.indices { updateRatioHistory[index].dropAfter(step: step) }
    }

    /// Appends the last step's update:data ratio of every Dense layer. Runs after every
    /// step, so it stays light: the Playground's small networks take a step in microseconds.
    private mutating func recordUpdateRatios(_ trainer: Trainer) {
        if denseWeights.map({ $0.network !== trainer.network }) ?? true {
            let network = trainer.network
            let dense = network.leafLayers.compactMap { ($0 as? Dense)?.weight }
            denseWeights = (network, dense.map { weight in network.weights.firstIndex { $0 === weight } })
        }
        let indices = denseWeights?.indices ?? []
        if updateRatioHistory.count != indices.count {
            updateRatioHistory = indices.map { _ in SeriesHistory(capacity: Self.updateRatioCapacity) }
        }
        for index in indices.indices {
            // No ratio: weights with no spread to compare an update with (all zero), so no point
            // rather than a fake 0. A lost update (-infinity) has no place on a log axis: the
            // table says "lost" instead.
            guard let position = indices[index], let ratio = trainer.updateRatio(ofWeightAt: position), ratio.isFinite else { continue }
            updateRatioHistory[index].append(step: trainer.step, value: Double(ratio))
        }
    }
}
