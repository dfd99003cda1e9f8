import Foundation

/// The table `backprop compare` prints: per variant, the final and the best epoch's validation
/// metrics as mean ± sample standard deviation over the seeds, and the seconds per run.
enum ComparisonTable {
    static func render(_ results: [VariantResult], plan: ComparisonPlan) -> String {
        let hasAccuracy = results.contains { $0.runs.contains { $0.summary.valAccuracy != nil } }
        var header = ["variant", "final val_loss"] + (hasAccuracy ? ["final val_acc"] : [])
        header += ["best val_loss"] + (hasAccuracy ? ["best val_acc"] : []) + ["s/run", ""]
        let rows = results.map { result in
            var row = [result.variant.label, cell(result.finalLoss)] + (hasAccuracy ? [cell(result.finalAccuracy)] : [])
            row += [cell(result.bestLoss)] + (hasAccuracy ? [cell(result.bestAccuracy)] : [])
            row += [result.seconds.map { String(format: "%.2f", $0.mean) } ?? "", divergenceNote(result, seeds: plan.seeds.count)]
            return row
        }
        return ([heading(plan)] + aligned([header] + rows)).joined(separator: "\n")
    }

    private static func heading(_ plan: ComparisonPlan) -> String {
        let keys = plan.varied.map(\.key.rawValue).joined(separator: " × ")
        let seeds = plan.seeds.count == 1 ? "seed 1" : "seeds 1-\(plan.seeds.count), mean ± sample standard deviation"
        return "\(plan.preset), varying \(keys); \(seeds); best = the epoch with the lowest validation loss"
    }

    /// `0.1234 ± 0.0056`, or the mean alone for one seed; empty when nothing was measured.
    private static func cell(_ statistic: SeedStatistic?) -> String {
        guard let statistic else { return "" }
        return String(format: "%.4f", statistic.mean) + (statistic.standardDeviation.map { String(format: " ± %.4f", $0) } ?? "")
    }

    private static func divergenceNote(_ result: VariantResult, seeds: Int) -> String {
        switch result.divergedRuns {
        case 0: return ""
        case seeds: return seeds == 1 ? "diverged" : "diverged with every seed"
        case let count: return "diverged with \(count) of \(seeds) seeds (left out)"
        }
    }

    /// The first column left-aligned, the others right-aligned, two spaces apart.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return column == 0 || column == row.count - 1 ? text + padding : padding + text
            }.joined(separator: "  ").trimmingWhitespace
        }
    }
}
