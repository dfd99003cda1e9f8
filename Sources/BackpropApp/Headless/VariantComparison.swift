import BackpropEngine
import Foundation

/// One seed's run of one variant: the summary `train` would print, and every finished epoch's
/// validation metrics for the curves.
struct SeedRun {
    let summary: RunSummary
    /// Epoch 1's validation metrics first.
    let validation: [Evaluation]

    /// The epoch with the lowest validation loss (the first of equals, as early stopping
    /// picks it) and its metrics; nil when no epoch finished with a finite loss.
    var best: (epoch: Int, validation: Evaluation)? {
        let finite = validation.enumerated().filter { $0.element.loss.isFinite }
        guard let lowest = finite.min(by: { $0.element.loss < $1.element.loss }) else { return nil }
        return (lowest.offset + 1, lowest.element)
    }
}

/// A variant's runs, one per seed, and what they measured together. The statistics leave out
/// the runs that diverged: their last numbers are not a trained model's.
struct VariantResult {
    let variant: Variant
    let runs: [SeedRun]

    var divergedRuns: Int { runs.filter(\.summary.diverged).count }
    private var trained: [SeedRun] { runs.filter { !$0.summary.diverged } }

    var finalLoss: SeedStatistic? { SeedStatistic(trained.compactMap { $0.summary.valLoss.map(Double.init) }) }
    var finalAccuracy: SeedStatistic? { SeedStatistic(trained.compactMap { $0.summary.valAccuracy.map(Double.init) }) }
    var bestLoss: SeedStatistic? { SeedStatistic(trained.compactMap { $0.best.map { Double($0.validation.loss) } }) }
    var bestAccuracy: SeedStatistic? { SeedStatistic(trained.compactMap { $0.best?.validation.accuracy.map(Double.init) }) }
    /// Seconds per run, diverged runs included: they took that time too.
    var seconds: SeedStatistic? { SeedStatistic(runs.map(\.summary.seconds)) }

    /// Each epoch's validation loss averaged over the seeds whose run reached that epoch with a
    /// finite loss; nil for an epoch none did.
    var meanValidationLoss: [Double?] {
        let epochs = runs.map(\.validation.count).max() ?? 0
        return (0..<epochs).map { index in
            SeedStatistic(runs.compactMap { index < $0.validation.count ? Double($0.validation[index].loss) : nil })?.mean
        }
    }
}

/// Trains every variant of a plan with every seed, one run after another, on the path
/// `backprop train` takes (`RunBuilder.prepare`, then `HeadlessTraining`), so that each run's
/// numbers are those `train --seed S` with the same settings prints.
struct VariantComparison {
    let plan: ComparisonPlan
    var metricsFolder: MetricsFolder? = nil
    /// Receives one line per finished run.
    var progress: (String) -> Void = { _ in }
    /// The first metrics file that could not be written, if any; the runs go on without it.
    private(set) var metricsFailure: OutputFileError?

    init(plan: ComparisonPlan) { self.plan = plan }

    /// Trains the runs in order: variants outermost, seeds 1 to N inside. Throws what stops a
    /// run before it trains (data that cannot be loaded, the memory limit).
    mutating func execute() throws -> [VariantResult] {
        try plan.entries.map { entry in
            VariantResult(variant: entry.variant, runs: try plan.seeds.map { seed in try train(entry, seed: seed) })
        }
    }

    private mutating func train(_ entry: ComparisonPlan.Entry, seed: UInt64) throws -> SeedRun {
        let prepared = try RunBuilder.prepare(entry.configuration, seed: seed, splitsBatches: true)
        let writer = try metricsFolder?.output(for: entry.variant, seed: seed).map { try MetricsWriter(output: $0) }
        var training = HeadlessTraining(run: prepared, metrics: writer)
        training.showsProgress = false
        var validation: [Evaluation] = []
        training.epochObserver = { validation.append($0.validation) }
        let summary = training.execute()
        if metricsFailure == nil { metricsFailure = writer?.failure }
        progress(Self.describe(entry.variant, summary))
        return SeedRun(summary: summary, validation: validation)
    }

    /// `lr = 0.3, seed 2: 100 epochs, val_loss 0.0912, 1.84 s`, and why a run ended early.
    static func describe(_ variant: Variant, _ summary: RunSummary) -> String {
        var line = "\(variant.label), seed \(summary.seed): \(summary.epochs) epoch\(summary.epochs == 1 ? "" : "s")"
        if let loss = summary.valLoss { line += String(format: ", val_loss %.4f", loss) }
        line += String(format: ", %.2f s", summary.seconds)
        if let divergence = summary.divergence { line += "; \(divergence)" }
        if summary.stoppedEarly, let best = summary.bestEpoch { line += "; stopped early, the best epoch was \(best)" }
        return line
    }
}
