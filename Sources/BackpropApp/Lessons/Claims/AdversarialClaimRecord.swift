import BackpropEngine
import BackpropLessons

/// What a GAN lab's run shows, for its claims: coverage before training, each epoch's
/// coverage and mean losses, and whether it diverged. Trained headlessly on one core, as
/// `backprop train gan-2d` trains it (a GAN does not split its batches).
struct AdversarialClaimRecord {
    var start: AdversarialMetrics
    var epochs: [(epoch: Int, metrics: AdversarialMetrics)] = []
    var diverged = false
    let hiddenNeurons: Int
    let parameters: Int

    init(configuration: GANConfiguration, seed: UInt64) throws {
        let run = try PreparedAdversarialRun(configuration, seed: seed)
        start = AdversarialMetrics(coverage: run.measureCoverage())
        hiddenNeurons = configuration.hiddenNeurons
        parameters = configuration.parameterCount
        var training = HeadlessAdversarialTraining(run: run)
        training.showsProgress = false
        var recorded: [(epoch: Int, metrics: AdversarialMetrics)] = []
        training.onEpoch = { epoch, coverage, generatorLoss, discriminatorLoss in
            recorded.append((epoch, AdversarialMetrics(coverage: coverage, generatorLoss: generatorLoss, discriminatorLoss: discriminatorLoss)))
        }
        diverged = training.execute().diverged
        epochs = recorded
    }

    /// `metric` at `moment`: NaN when the run has no such value there (a loss before
    /// training, an epoch it did not reach, the end of a diverged run).
    func value(of metric: String, at moment: ClaimMoment) -> Double {
        switch moment {
        case .start: return start.value(of: metric) ?? .nan
        case .end: return diverged ? .nan : epochs.last?.metrics.value(of: metric) ?? .nan
        case .epoch(let epoch): return epochs.first { $0.epoch == epoch }?.metrics.value(of: metric) ?? .nan
        case .best:
            let values = epochs.compactMap { $0.metrics.value(of: metric) }.filter(\.isFinite)
            return (metric.hasSuffix("loss") ? values.min() : values.max()) ?? .nan
        }
    }

    /// The first epoch (up to `moment`) at which `goal` is met, or nil.
    func firstEpochMeeting(_ goal: LabGoal, upTo moment: ClaimMoment) -> Int? {
        let last: Int = switch moment {
        case .start: 0
        case .end, .best: Int.max
        case .epoch(let epoch): epoch
        }
        // A goal counted at the end (`at_end`) looks at the last epoch alone, of a run that did not diverge.
        let candidates = goal.limits.atEnd ? (diverged ? [] : Array(epochs.suffix(1))) : epochs
        return candidates.first { entry in
            entry.epoch <= last && entry.metrics.value(of: goal.metric).map {
                goal.isMet(metricValue: $0, hiddenNeurons: hiddenNeurons, epochs: entry.epoch, parameters: parameters)
            } ?? false
        }?.epoch
    }
}
