import ArgumentParser
import BackpropEngine
import Foundation

/// `backprop train PRESET`: trains headlessly and reports metrics (DESIGN.md §4).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a preset without the UI and report its metrics.",
        discussion: """
            Convolutional, recurrent and transformer models split each batch across the cores \
            (up to four); BACKPROP_THREADS=N caps the parts, and 1 keeps batches whole.
            """)

    @Argument(help: "The preset to train (see `backprop presets`); with --load, the file's own when left out.")
    var preset: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a setting, e.g. --set lr=0.1 (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Number of epochs (default: the preset's).")
    var epochs: Int?

    @Option(help: "Seed for data, initialization, dropout and batch order.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write per-epoch metrics as CSV to FILE, or - for stdout.", valueName: "FILE"))
    var metrics: String?

    @Flag(help: "Print a JSON summary as the last line of stdout.")
    var json = false

    @Option(help: ArgumentHelp("Load initial weights from a safetensors file.", valueName: "FILE"))
    var load: String?

    @Option(help: ArgumentHelp("Save the trained weights as safetensors (PyTorch state_dict names).", valueName: "FILE"))
    var save: String?

    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("Refuse a run estimated to need more than GIB gibibytes (default: half of physical memory, or $BACKPROP_MEMORY_LIMIT_GIB).",
                               valueName: "GIB"))
    var memoryLimit: Double?

    func run() throws {
        if let preset, let adversarial = GANPreset.named(preset) { return try trainAdversarial(adversarial) }
        // A file saved by `train --save` says which model it holds: --load needs nothing else.
        let described: ModelFile?
        do { described = try load.flatMap(ModelFile.described(by:)) } catch {
            // The message quotes the file's own metadata: its control characters are escaped.
            printToStandardError("backprop: " + TerminalText.escaped("\(error)"))
            throw ExitCode(1)
        }
        if let described, let preset, preset != described.preset {
            throw failUsage("\(load ?? ""): holds a '\(described.preset)' model, not '\(preset)'")
        }
        guard let presetName = described?.preset ?? preset else {
            throw failUsage("name a preset to train (see backprop presets), or --load a file saved by backprop train --save")
        }
        let allSettings = (described?.settings ?? []) + settings
        var configuration: RunConfiguration
        if let described, let load {
            do { configuration = try described.configuration(source: load, extra: settings) } catch {
                printToStandardError("backprop: " + TerminalText.escaped("\(error)"))
                throw ExitCode(1)
            }
        } else {
            configuration = try BackpropApp.configuration(preset: presetName, settings: allSettings)
        }
        if let epochs {
            guard (1...100_000).contains(epochs) else { throw failUsage("invalid value '\(epochs)' for --epochs: expected 1 to 100000") }
            configuration.epochs = epochs
            configuration.runsWithoutStop = false
        }
        if configuration.runsWithoutStop {
            throw failUsage("invalid value 'never' for epochs: a headless run needs a last epoch (an integer from 1 to 100000)")
        }
        if configuration.transfer?.way == .all { return try trainEveryWay(configuration) }
        // Check where the results go before training, not after the whole run.
        let metricsOutput: OutputFile?, saveOutput: OutputFile?
        do {
            metricsOutput = try metrics.map { try OutputFile(option: "--metrics", path: $0, allowsStandardOutput: true) }
            saveOutput = try save.map { try OutputFile(option: "--save", path: $0, allowsStandardOutput: false) }
        } catch { throw failUsage("\(error)") }
        // A closed pipe on the other end of --metrics is then a write error with a message, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        var budget = MemoryBudget.standard
        if let memoryLimit {
            guard MemoryBudget.isValid(gibibytes: memoryLimit) else {
                throw failUsage("invalid value '\(memoryLimit)' for --memory-limit: expected a positive number of GiB")
            }
            budget = .limit(gibibytes: memoryLimit)
        }
        let prepared: PreparedRun
        do {
            prepared = try RunBuilder.prepare(configuration, seed: seed, splitsBatches: true, budget: budget, pretraining: .standardError)
            if let load {
                try described?.check(prepared, source: load)
                try prepared.trainer.network.load(stateDict: Safetensors.read(from: load), source: load)
            }
        } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
        let writer: MetricsWriter?
        do { writer = try metricsOutput.map { try MetricsWriter(output: $0) } } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
        let summary = HeadlessTraining(run: prepared, metrics: writer).execute()
        var failed = false
        if let failure = writer?.failure {
            printToStandardError("backprop: \(failure)")
            failed = true
        }
        if let saveOutput {
            // The file describes itself: the preset, every setting, the seed that split the data
            // and the model's validation metrics as saved, which `backprop eval` checks against.
            // The last epoch measured them already; only a diverged run is evaluated again.
            let trainer = prepared.trainer
            let metrics = ModelFile.metrics(of: summary) ?? ModelFile.metrics(of: trainer.evaluate(trainer.data.validation))
            let model = ModelFile(preset: presetName, settings: allSettings, seed: seed, epochs: configuration.epochs, metrics: metrics,
                                  architecture: ModelArchitecture(trainer: trainer, configuration: configuration))
            let weights = Safetensors.encode(trainer.network.stateDict, metadata: model.metadata)
            do { try saveOutput.write(weights) } catch {
                printToStandardError("backprop: \(error)")
                failed = true
            }
        }
        print(json ? summary.json : humanSummary(summary))
        if failed { throw ExitCode(1) }
    }

    /// A GAN preset: two networks, no labels, its own settings and summary. `--save` writes
    /// both networks' weights (PyTorch names, see `PreparedAdversarialRun.stateDict`) with the
    /// preset, settings and seed as metadata; `--load` is refused: nothing reads such a file back.
    private func trainAdversarial(_ preset: GANPreset) throws {
        if load != nil { throw failUsage("--load is not available for the GAN preset '\(preset.name)': it trains from scratch") }
        var configuration = preset.configuration
        do { for assignment in settings { try configuration.apply(assignment) } } catch { throw failUsage(error.description) }
        if let epochs {
            guard (1...100_000).contains(epochs) else { throw failUsage("invalid value '\(epochs)' for --epochs: expected 1 to 100000") }
            configuration.epochs = epochs
        }
        let metricsOutput: OutputFile?, saveOutput: OutputFile?
        do {
            metricsOutput = try metrics.map { try OutputFile(option: "--metrics", path: $0, allowsStandardOutput: true) }
            saveOutput = try save.map { try OutputFile(option: "--save", path: $0, allowsStandardOutput: false) }
        } catch { throw failUsage("\(error)") }
        signal(SIGPIPE, SIG_IGN)
        let prepared: PreparedAdversarialRun
        let writer: AdversarialMetricsWriter?
        do {
            prepared = try PreparedAdversarialRun(configuration, seed: seed)
            writer = try metricsOutput.map { try AdversarialMetricsWriter(output: $0) }
        } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
        let summary = HeadlessAdversarialTraining(run: prepared, metrics: writer).execute()
        var failed = false
        if let failure = writer?.failure {
            printToStandardError("backprop: \(failure)")
            failed = true
        }
        if let saveOutput {
            let metadata = ["preset": preset.name, "settings": settings.joined(separator: " "), "seed": "\(seed)",
                            "steps": "\(summary.steps)", "modes_covered": "\(summary.modesCovered)/\(summary.modes)"]
            do { try saveOutput.write(Safetensors.encode(prepared.stateDict, metadata: metadata)) } catch {
                printToStandardError("backprop: \(error)")
                failed = true
            }
        }
        if json {
            print(summary.json)
        } else {
            print("\(summary.preset): \(summary.epochs) epochs, \(summary.steps) generator steps, \(summary.parameters) parameters, "
                  + String(format: "%.2f s", summary.seconds))
            print("\(configuration.dataset.coverageUnit) covered \(summary.modesCovered)/\(summary.modes), high quality "
                  + String(format: "%.1f%%, loss_d %.4f, loss_g %.4f", summary.highQualityFraction * 100, summary.discriminatorLoss, summary.generatorLoss))
            if let divergence = summary.divergence { print("DIVERGED: \(divergence)") }
        }
        if failed { throw ExitCode(1) }
    }

    /// `way=all`: the three transfer ways one after another. Their three models and curves
    /// have no single file to go to, so --metrics, --save and --load ask for one way.
    private func trainEveryWay(_ configuration: RunConfiguration) throws {
        for (option, given) in [("--metrics", metrics != nil), ("--save", save != nil), ("--load", load != nil)] where given {
            throw failUsage("\(option) needs a single run: way=all trains three models; add --set way=extract, finetune or scratch")
        }
        var budget = MemoryBudget.standard
        if let memoryLimit {
            guard MemoryBudget.isValid(gibibytes: memoryLimit) else {
                throw failUsage("invalid value '\(memoryLimit)' for --memory-limit: expected a positive number of GiB")
            }
            budget = .limit(gibibytes: memoryLimit)
        }
        let results: [TransferComparison.WayResult]
        do { results = try TransferComparison(configuration: configuration, seed: seed, budget: budget).execute() } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
        let labels = configuration.transfer?.labelsPerClass ?? 0
        print(json ? TransferComparison.json(results, labelsPerClass: labels) : TransferComparison.humanSummary(results, labelsPerClass: labels))
    }

    private func humanSummary(_ summary: RunSummary) -> String {
        var lines = ["\(summary.preset): \(summary.epochs) epoch\(summary.epochs == 1 ? "" : "s"), \(summary.steps) steps, \(summary.parameters) parameters, \(String(format: "%.2f", summary.seconds)) s"
                     + (summary.batchParts > 1 ? ", each batch split across \(summary.batchParts) cores" : "")]
        if let accuracy = summary.valAccuracy { lines.append(String(format: "validation accuracy %.4f, loss %.4f", accuracy, summary.valLoss ?? .nan)) }
        else if let loss = summary.valLoss { lines.append(String(format: "validation loss %.4f", loss)) }
        if let divergence = summary.divergence { lines.append("DIVERGED: \(divergence)") }
        if let peak = summary.peakResidentBytes {
            lines.append("peak memory \(MemoryEstimate.format(peak)) (estimated \(MemoryEstimate.format(summary.estimatedPeakBytes)))")
        }
        return lines.joined(separator: "\n")
    }
}
