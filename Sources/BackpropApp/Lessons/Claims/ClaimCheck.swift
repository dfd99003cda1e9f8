import BackpropEngine
import BackpropLessons
import Foundation

/// Checks a lesson's claims by training their runs headlessly, through the same
/// `RunBuilder` path as the lab and `backprop train`. Runs are shared between claims that
/// ask for the same lab, settings and seed, so a page's several claims train it once.
final class ClaimCheck {
    /// The outcome of one claim: whether it held, and what was measured, in words.
    struct Outcome {
        var held: Bool
        var measured: String
    }

    /// Claim metrics beyond a goal's: whether and when the goal was met, and what the run's end shows.
    static let goalMetrics = ["goal_met", "epochs_to_goal"]
    static let runEndMetrics = commonRunEndMetrics + recurrentRunEndMetrics + fashionRunEndMetrics
    /// End-of-run metrics every lab can measure.
    static let commonRunEndMetrics = ["diverged", "zero_weights", "small_weights", "dead_units", "saturation", "first_layer_saturation",
                                      "first_to_last_gradient", "first_to_last_gradient_norm", "lost_updates", "step_loss_noise", "epoch_loss_noise", "weight_growth",
                                      "stopped_early", "best_epoch", "epochs_trained", "epochs_after_best"]
    /// End-of-run metrics of a recurrent layer.
    static let recurrentRunEndMetrics = ["first_step_gradient"]
    /// End-of-run metrics of a Fashion-MNIST classifier.
    static let fashionRunEndMetrics = ["lookalike_mistakes"]
    /// The surface view's race of the lab's optimizer at the lab's learning rate: the loss
    /// where it ends, and whether it diverged. No network is trained.
    static let surfaceMetrics = ["surface_loss", "surface_diverged"]
    /// The range-test view's test, run to its end on a fresh copy of the lab's network.
    static let rangeTestMetrics = ["range_flat_start", "range_fall", "range_rise", "range_suggestion_place"]
    /// Claim metrics of the model before training (`at: start`) and at the run's end.
    static let startOrEndMetrics = ["forget_gate", "attention_peak", "attention_ahead", "filter_smoothness"] + poolingMetrics
        + ClaimRunRecord.kernelMetrics + autoencoderMetrics
    /// An autoencoder's figures on the probe's test images (`AutoencoderFigures`), before
    /// training and at the end.
    static let autoencoderMetrics = ["latent_separation", "anomaly_ratio", "denoising_gain"]
    /// The pooling view's shares of outputs a shift leaves unchanged (fixed kernels: the
    /// same at start and end).
    static let poolingMetrics = ClaimRunRecord.poolingShifts.flatMap { shift in
        ["map", "max_pool", "avg_pool"].map { "kept_\($0)_\(shift)px" }
    }

    private var runs: [String: ClaimRunRecord] = [:]
    private var adversarialRuns: [String: AdversarialClaimRecord] = [:]
    private var rangeTests: [String: [Float]] = [:]

    func check(_ claim: Claim) -> Outcome {
        do {
            var measured: [Double] = [], targets: [Double] = []
            for seed in claim.seeds {
                measured.append(try value(claim, variant: claim.variant, seed: seed))
                switch claim.target {
                case .value(let number): targets.append(number)
                case .variant(let other): targets.append(try value(claim, variant: other, seed: seed))
                }
            }
            return outcome(claim, measured: measured, targets: targets)
        } catch {
            return Outcome(held: false, measured: "the run could not start: \(error)")
        }
    }

    private func outcome(_ claim: Claim, measured: [Double], targets: [Double]) -> Outcome {
        let held: Bool
        switch claim.aggregate {
        case .each: held = zip(measured, targets).allSatisfy { claim.comparison.holds($0, $1, margin: claim.margin) }
        case .mean: held = claim.comparison.holds(Self.mean(measured), Self.mean(targets), margin: claim.margin)
        }
        let what = "\(claim.metric) \(claim.moment)"
        let values = measured.map(Self.format).joined(separator: ", ")
        let seeds = claim.seeds.map(String.init).joined(separator: ", ")
        let margin = claim.margin == 0 ? "" : " by \(Self.format(claim.margin))"
        let expectation: String
        switch claim.target {
        case .value(let number):
            expectation = "expected \(claim.comparison.rawValue) \(Self.format(number))\(margin)"
        case .variant(let other):
            let name = other.isEmpty ? "the lab" : other.map(\.assignment).joined(separator: " ")
            expectation = "expected \(claim.comparison.rawValue) \(name)'s \(targets.map(Self.format).joined(separator: ", "))\(margin)"
        }
        let combined = claim.aggregate == .mean ? " (mean \(Self.format(Self.mean(measured))))" : ""
        return Outcome(held: held, measured: "\(what): \(values)\(combined) over seeds \(seeds); \(expectation)")
    }

    /// The claim's metric at its moment in the run of its lab with `variant` from `seed`.
    private func value(_ claim: Claim, variant: [LabSetting], seed: UInt64) throws -> Double {
        if AdversarialLabState.isAdversarial(claim.lab) { return try adversarialValue(claim, variant: variant, seed: seed) }
        if Self.surfaceMetrics.contains(claim.metric) {
            return try surfaceRace(claim.lab, variant: variant, metric: claim.metric)
        }
        if Self.rangeTestMetrics.contains(claim.metric) {
            return Self.rangeTestMetric(claim.metric, losses: try rangeTestLosses(claim.lab, variant: variant, seed: seed))
        }
        let record = try run(claim.lab, variant: variant, seed: seed)
        switch claim.metric {
        case "diverged": return record.diverged ? 1 : 0
        case "stopped_early": return record.stoppedEarly ? 1 : 0
        case "best_epoch": return record.bestEpoch.map(Double.init) ?? .nan
        case "epochs_trained": return Double(record.epochs.count)
        case "epochs_after_best": return record.bestEpoch.map { Double(record.epochs.count - $0) } ?? .nan
        case "zero_weights": return record.zeroWeightShare
        case "small_weights": return record.smallWeightShare
        case "dead_units": return record.deadUnitShare
        case "saturation": return record.saturation
        case "first_layer_saturation": return record.firstLayerSaturation
        case "first_to_last_gradient": return record.firstToLastGradient
        case "first_to_last_gradient_norm": return record.firstToLastGradientNorm
        case "lost_updates": return record.lostUpdateShare
        case "step_loss_noise": return record.stepLossNoise
        case "epoch_loss_noise": return record.epochLossNoise
        case "weight_growth": return record.weightGrowth
        case "lookalike_mistakes": return record.lookalikeMistakes
        case "forget_gate": return claim.moment == .start ? record.forgetGate.start : record.forgetGate.end
        case "attention_peak": return claim.moment == .start ? record.attentionPeak.start : record.attentionPeak.end
        case "attention_ahead": return claim.moment == .start ? record.attentionAhead.start : record.attentionAhead.end
        case "filter_smoothness": return claim.moment == .start ? record.filterSmoothness.start : record.filterSmoothness.end
        case "first_step_gradient": return record.firstStepGradient
        case let name where Self.autoencoderMetrics.contains(name):
            guard let figures = claim.moment == .start ? record.autoencoder.start : record.autoencoder.end else { return .nan }
            switch name {
            case "latent_separation": return figures.latentSeparation
            case "anomaly_ratio": return figures.anomalyRatio
            default: return figures.denoisingGain
            }
        case let name where Self.poolingMetrics.contains(name): return record.poolingKept[name] ?? .nan
        case let name where ClaimRunRecord.kernelMetrics.contains(name): return record.kernelFacts[name] ?? .nan
        case "goal_met", "epochs_to_goal":
            guard let goal = claim.lab.goal else { return .nan }
            if goal.limits.atEnd {
                // Only the model the run ends with counts (the best epoch's, after an early stop).
                guard claim.moment == .end, !record.diverged, let last = record.epochs.last,
                      let value = (record.restored ?? last.metrics).value(of: goal.metric) else { return claim.metric == "goal_met" ? 0 : .infinity }
                let met = goal.isMet(metricValue: value, hiddenNeurons: record.hiddenNeurons, epochs: last.epoch, parameters: record.parameters)
                return claim.metric == "goal_met" ? (met ? 1 : 0) : (met ? Double(last.epoch) : .infinity)
            }
            let reached = GoalCheck.firstEpochMeeting(goal, in: epochs(of: record, upTo: claim.moment), hiddenNeurons: record.hiddenNeurons,
                                                      parameters: record.parameters).map(Double.init)
            if claim.metric == "goal_met" { return reached == nil ? 0 : 1 }
            return reached ?? .infinity
        default:
            return metric(claim.metric, of: record, at: claim.moment)
        }
    }

    /// A GAN lab's claim: its coverage or losses at the moment, whether it diverged, and
    /// when it met its goal.
    private func adversarialValue(_ claim: Claim, variant: [LabSetting], seed: UInt64) throws -> Double {
        let lab = claim.lab
        let key = ([lab.preset] + (lab.settings + variant).map(\.assignment) + ["seed=\(seed)"]).joined(separator: " ")
        let record: AdversarialClaimRecord
        if let known = adversarialRuns[key] {
            record = known
        } else {
            record = try AdversarialClaimRecord(configuration: GANConfiguration.forLab(lab, adding: variant), seed: seed)
            adversarialRuns[key] = record
        }
        switch claim.metric {
        case "diverged": return record.diverged ? 1 : 0
        case "goal_met", "epochs_to_goal":
            guard let goal = lab.goal else { return .nan }
            let reached = record.firstEpochMeeting(goal, upTo: claim.moment).map(Double.init)
            if claim.metric == "goal_met" { return reached == nil ? 0 : 1 }
            return reached ?? .infinity
        default: return record.value(of: claim.metric, at: claim.moment)
        }
    }

    /// The epochs up to the moment.
    private func epochs(of record: ClaimRunRecord, upTo moment: ClaimMoment) -> [EpochMetrics] {
        switch moment {
        case .start: return []
        case .end, .best: return record.epochs
        case .epoch(let epoch): return Array(record.epochs.prefix(epoch))
        }
    }

    private func metric(_ name: String, of record: ClaimRunRecord, at moment: ClaimMoment) -> Double {
        switch moment {
        case .start:
            return record.start.value(of: name) ?? .nan
        case .end:
            guard !record.diverged else { return .nan }
            return (record.restored ?? record.epochs.last?.metrics ?? record.start).value(of: name) ?? .nan
        case .epoch(let epoch):
            return record.epochs.indices.contains(epoch - 1) ? record.epochs[epoch - 1].metrics.value(of: name) ?? .nan : .nan
        case .best:
            let values = record.epochs.compactMap { $0.metrics.value(of: name) }.filter(\.isFinite)
            return (RunMetrics.higherIsBetter(name) ? values.max() : values.min()) ?? .nan
        }
    }

    private func run(_ lab: Lab, variant: [LabSetting], seed: UInt64) throws -> ClaimRunRecord {
        let settings = lab.settings + variant
        let key = ([lab.preset] + settings.map(\.assignment) + ["seed=\(seed)"]).joined(separator: " ")
        if let known = runs[key] { return known }
        let record = try ClaimRunRecord(configuration: RunConfiguration.forLab(lab, adding: variant), seed: seed)
        runs[key] = record
        return record
    }

    /// The loss-surface race of one optimizer, as the surface view runs it: the lab's (or
    /// the variant's) optimizer and learning rate, from the race's start for its steps. It
    /// draws nothing at random, so every seed gives the same walk.
    private func surfaceRace(_ lab: Lab, variant: [LabSetting], metric: String) throws -> Double {
        let configuration = try RunConfiguration.forLab(lab, adding: variant)
        let settings = configuration.optimizerSettings
        let walk = SurfaceDescent(surface: OptimizerExperiments.raceSurface, kind: settings.kind,
                                  learningRate: settings.learningRate, start: OptimizerExperiments.raceStart)
        for _ in 0..<OptimizerExperiments.raceSteps { walk.step() }
        if metric == "surface_diverged" { return walk.hasDiverged ? 1 : 0 }
        return walk.hasDiverged ? .nan : Double(walk.surface.value(x: walk.current.x, y: walk.current.y))
    }

    /// The smoothed losses of the range test the view runs: a fresh network from `seed` on
    /// the lab's data, rates growing from 1e-5 to 10 over 250 steps, until it blows up.
    /// A test cut short by a non-finite loss ends in +∞.
    private func rangeTestLosses(_ lab: Lab, variant: [LabSetting], seed: UInt64) throws -> [Float] {
        let key = ([lab.preset] + (lab.settings + variant).map(\.assignment) + ["seed=\(seed)"]).joined(separator: " ")
        if let known = rangeTests[key] { return known }
        let configuration = try RunConfiguration.forLab(lab, adding: variant)
        let data = try RunBuilder.prepare(configuration, seed: seed).trainer.data
        var random = RandomGenerator(seed: seed)
        let bounds = OptimizerExperiments.rangeTestRates
        let test = LearningRateRangeTest(trainer: try RunBuilder.makeTrainer(configuration, data: data, random: &random),
                                         rates: LearningRateRangeTest.rates(from: bounds.lowerBound, to: bounds.upperBound,
                                                                            steps: OptimizerExperiments.rangeTestSteps))
        while !test.isFinished { test.step() }
        var losses = test.losses
        let lowest = losses.min() ?? 0
        let blewUp = (losses.last ?? 0) > LearningRateRangeTest.blowUpFactor * lowest
        if losses.count < test.rates.count && !blewUp { losses.append(.infinity) }
        rangeTests[key] = losses
        return losses
    }

    /// `range_flat_start`: how far the smoothed loss moved over the first tenth of the steps,
    /// over where it started ("at first nothing happens"). `range_fall`: the starting loss
    /// over the lowest. `range_rise`: the loss where the test stopped over the lowest ("then
    /// it shoots up"). `range_suggestion_place`: where the suggested rate's loss sits between
    /// the lowest (0) and the start (1): inside (0, 1) is on the falling part, before the bottom.
    static func rangeTestMetric(_ name: String, losses: [Float]) -> Double {
        let values = losses.map(Double.init)
        guard values.count >= 10, let first = values.first, let lowest = values.min(),
              let bottom = values.firstIndex(of: lowest), first > 0, lowest > 0 else { return .nan }
        switch name {
        case "range_flat_start": return abs(values[values.count / 10] - first) / first
        case "range_fall": return first / lowest
        case "range_rise": return values.last! / lowest
        case "range_suggestion_place":
            // A tenth of the rate: the rates grow by a constant factor, so that many steps back.
            let rates = LearningRateRangeTest.rates(from: OptimizerExperiments.rangeTestRates.lowerBound,
                                                    to: OptimizerExperiments.rangeTestRates.upperBound, steps: OptimizerExperiments.rangeTestSteps)
            let target = rates[bottom] / 10
            let index = rates.indices.min { abs(log(rates[$0] / target)) < abs(log(rates[$1] / target)) }!
            return first > lowest ? (values[index] - lowest) / (first - lowest) : .nan
        default: return .nan
        }
    }

    private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }

    /// "0.9123", "1.2e-05", "never" for an infinite count of epochs.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "none (the run diverged or has no such value)" }
        if value.isInfinite { return value > 0 ? "never" : "-never" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return abs(value) >= 1e-3 && abs(value) < 1e6 ? String(format: "%.4g", value) : String(format: "%.3e", value)
    }
}
