import ArgumentParser
import Foundation

/// `backprop compare PRESET --vary KEY=V1,V2,...`: trains one variant of a preset per value,
/// each with the same seeds, and compares their validation metrics in a table.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Train variants of a preset with the same seeds and compare their metrics.",
        discussion: """
            Each variant trains with seeds 1 to N, one run after another, exactly as `backprop train \
            --seed S` would with the same settings. The table gives each variant's final and best \
            validation metrics (best: the epoch with the lowest validation loss) as the mean ± the \
            sample standard deviation over the seeds, leaving out runs that diverged, and the \
            seconds per run. Every variant's settings are checked before the first run trains.
            """)

    @Argument(help: "The preset to train (see `backprop presets`).")
    var preset: String

    @Option(name: .customLong("vary"),
            help: ArgumentHelp("""
                The setting to compare and its values, e.g. --vary lr=0.3,0.03. Separate values that hold commas \
                with / (--vary hidden=4,2/8,8). Repeated, every combination of the values trains.
                """, valueName: "key=v1,v2,..."))
    var varied: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a setting of every variant, e.g. --set epochs=20 (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Number of epochs (default: the preset's).")
    var epochs: Int?

    @Option(help: ArgumentHelp("Train every variant with seeds 1 to N (at most \(ComparisonPlan.seedCounts.upperBound)).", valueName: "N"))
    var seeds = 1

    @Option(help: ArgumentHelp("Write each run's per-epoch metrics as CSV into DIR, as VARIANT.seedN.csv (e.g. lr=0.3.seed1.csv); DIR is created if missing.",
                               valueName: "DIR"))
    var metrics: String?

    @Option(help: ArgumentHelp("Draw every variant's validation loss per epoch into one SVG file.", valueName: "FILE.svg"))
    var plot: String?

    @Flag(help: "Print a JSON summary as the last line of stdout.")
    var json = false

    func run() throws {
        let plan: ComparisonPlan
        do {
            plan = try ComparisonPlan(preset: preset, settings: settings, varied: varied.map(VariedSetting.init(parsing:)),
                                      epochs: epochs, seedCount: seeds)
        } catch { throw failUsage("\(error)") }
        // Check where the results go before training, not after every run.
        let plotOutput: OutputFile?, folder: MetricsFolder?
        do {
            plotOutput = try plot.map { try OutputFile(option: "--plot", path: $0, allowsStandardOutput: false) }
            folder = try metrics.map { try MetricsFolder(path: $0, plan: plan) }
        } catch { throw failUsage("\(error)") }
        // A closed pipe on the other end of an output is then a write error with a message.
        signal(SIGPIPE, SIG_IGN)
        var comparison = VariantComparison(plan: plan)
        comparison.metricsFolder = folder
        comparison.progress = { printToStandardError($0) }
        let results: [VariantResult]
        do { results = try comparison.execute() } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
        var failed = false
        if let failure = comparison.metricsFailure {
            printToStandardError("backprop: \(failure)")
            failed = true
        }
        if let plotOutput {
            do { try plotOutput.write(Data(Self.curves(results, plan: plan).utf8)) } catch {
                printToStandardError("backprop: \(error)")
                failed = true
            }
        }
        print(ComparisonTable.render(results, plan: plan))
        if json { print(ComparisonSummary(results, plan: plan).json) }
        if failed { throw ExitCode(1) }
    }

    /// The SVG of `--plot`: each variant's mean validation loss and its seeds' own curves.
    static func curves(_ results: [VariantResult], plan: ComparisonPlan) -> String {
        let keys = plan.varied.map(\.key.rawValue).joined(separator: " × ")
        let seeds = plan.seeds.count == 1 ? "seed 1" : "mean of seeds 1-\(plan.seeds.count), each seed thin"
        let series = results.map { result in
            LossCurvesSVG.Series(label: result.variant.label, mean: result.meanValidationLoss,
                                 seeds: result.runs.map { $0.validation.map { Double($0.loss) } })
        }
        return LossCurvesSVG.render(title: "\(plan.preset): validation loss by \(keys) (\(seeds))", series: series)
    }
}
