import Foundation

/// The JSON object `backprop compare --json` prints as the last line of stdout: per variant its
/// settings, each seed's run (the `train --json` summary and its best epoch), and the means and
/// sample standard deviations the table shows. Non-finite numbers become null.
struct ComparisonSummary: Encodable {
    struct Run: Encodable {
        let seed: UInt64
        let bestEpoch: Int?
        let bestValLoss: Float?
        let bestValAccuracy: Float?
        let summary: RunSummary

        enum CodingKeys: String, CodingKey {
            case seed, summary, bestEpoch = "best_epoch", bestValLoss = "best_val_loss", bestValAccuracy = "best_val_accuracy"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            // Null, not missing, for a run that diverged in its first epoch or a regression.
            try container.encode(bestEpoch, forKey: .bestEpoch)
            try container.encode(bestValLoss, forKey: .bestValLoss)
            try container.encode(bestValAccuracy.flatMap { $0.isFinite ? $0 : nil }, forKey: .bestValAccuracy)
            try container.encode(summary, forKey: .summary)
        }
    }

    /// The same measurements, once as means and once as spreads.
    struct Measures: Encodable {
        let valLoss: Double?
        let valAccuracy: Double?
        let bestValLoss: Double?
        let bestValAccuracy: Double?
        let seconds: Double?

        enum CodingKeys: String, CodingKey {
            case seconds, valLoss = "val_loss", valAccuracy = "val_accuracy", bestValLoss = "best_val_loss", bestValAccuracy = "best_val_accuracy"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            // Always present, null when not measured, so a reader need not ask.
            for (key, value) in [(CodingKeys.valLoss, valLoss), (.valAccuracy, valAccuracy), (.bestValLoss, bestValLoss),
                                 (.bestValAccuracy, bestValAccuracy), (.seconds, seconds)] {
                try container.encode(value.flatMap { $0.isFinite ? $0 : nil }, forKey: key)
            }
        }
    }

    struct VariantEntry: Encodable {
        let label: String
        let settings: [String: String]
        let divergedRuns: Int
        let mean: Measures
        let standardDeviation: Measures
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case label, settings, mean, runs, divergedRuns = "diverged_runs", standardDeviation = "std"
        }
    }

    let preset: String
    let varied: [String]
    let seeds: [UInt64]
    let spread: String
    let variants: [VariantEntry]

    init(_ results: [VariantResult], plan: ComparisonPlan) {
        preset = plan.preset
        varied = plan.varied.map(\.key.rawValue)
        seeds = plan.seeds
        spread = "std: the sample standard deviation over the seeds (n - 1), null for one seed; diverged runs are left out"
        variants = results.map(Self.entry)
    }

    private static func entry(_ result: VariantResult) -> VariantEntry {
        func measures(_ value: (SeedStatistic) -> Double?) -> Measures {
            Measures(valLoss: result.finalLoss.flatMap(value), valAccuracy: result.finalAccuracy.flatMap(value),
                     bestValLoss: result.bestLoss.flatMap(value), bestValAccuracy: result.bestAccuracy.flatMap(value),
                     seconds: result.seconds.flatMap(value))
        }
        return VariantEntry(
            label: result.variant.label,
            settings: Dictionary(uniqueKeysWithValues: result.variant.choices.map { ($0.key.rawValue, $0.value) }),
            divergedRuns: result.divergedRuns, mean: measures(\.mean), standardDeviation: measures(\.standardDeviation),
            runs: result.runs.map { run in
                let best = run.best
                return Run(seed: run.summary.seed, bestEpoch: best?.epoch, bestValLoss: best?.validation.loss,
                           bestValAccuracy: best?.validation.accuracy, summary: run.summary)
            })
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
