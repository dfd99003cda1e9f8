import BackpropEngine
import Foundation

/// Runs a prepared run to the end without a UI: one progress line per epoch on stderr
/// (with a live bar inside the epoch when stderr is a terminal), optional CSV metrics.
public struct HeadlessTraining {
    public let run: PreparedRun
    public var metrics: MetricsWriter?
    public var showsProgress = true
    /// Called with each finished epoch's report, for a caller that keeps the whole curve
    /// (`backprop compare` plots every epoch's validation loss).
    public var epochObserver: ((EpochReport) -> Void)? = nil

    public init(run: PreparedRun, metrics: MetricsWriter? = nil) {
        self.run = run
        self.metrics = metrics
    }

    public func execute() -> RunSummary {
        let trainer = run.trainer
        let started = monotonicSeconds()
        let barOnTerminal = showsProgress && isatty(STDERR_FILENO) == 1
        var lastReport: EpochReport?
        var lastBarUpdate = 0.0
        while trainer.hasEpochsLeft {
            if let report = trainer.trainStep() {
                lastReport = report
                metrics?.record(report, seconds: monotonicSeconds() - started)
                epochObserver?(report)
                if showsProgress {
                    printToStandardError((barOnTerminal ? "\r\u{1B}[K" : "") + Self.describe(report, of: trainer.settings.epochs))
                    if run.configuration.dataset == .words { printToStandardError(sampledWords()) }
                }
            } else if barOnTerminal, monotonicSeconds() - lastBarUpdate > 0.1 {
                lastBarUpdate = monotonicSeconds()
                printToStandardError(progressBar(trainer), newline: false)
            }
        }
        if let divergence = trainer.divergence, showsProgress {
            printToStandardError((barOnTerminal ? "\r\u{1B}[K" : "") + "stopped: \(divergence)")
        }
        if showsProgress, let note = Self.earlyStopNote(trainer) { printToStandardError(note) }
        return summary(lastReport: lastReport, seconds: monotonicSeconds() - started)
    }

    private func summary(lastReport: EpochReport?, seconds: Double) -> RunSummary {
        let trainer = run.trainer
        // Early stopping put the best epoch's weights back: its metrics are the model's.
        let lastReport = trainer.restoredReport ?? lastReport
        let samplesPerSecond = Double(trainer.samplesSeen) / max(trainer.trainingSeconds, 1e-9)
        let configuration = run.configuration
        return RunSummary(
            preset: run.configuration.preset, dataset: run.configuration.dataset.name,
            epochs: trainer.epoch, steps: trainer.step, seed: run.seed,
            parameters: trainer.network.parameterCount,
            trainLoss: trainer.divergence == nil ? lastReport?.trainLoss : trainer.lastBatchLoss,
            trainAccuracy: lastReport?.trainAccuracy, valLoss: lastReport?.validation.loss,
            valAccuracy: lastReport?.validation.accuracy,
            samplesPerSecond: samplesPerSecond,
            seconds: seconds, diverged: trainer.divergence != nil,
            divergence: trainer.divergence?.description, openblasCore: BLASInfo.coreName, batchParts: trainer.batchParts,
            tokensPerSecond: configuration.dataset.isSequence ? samplesPerSecond * Double(configuration.inputShape[0]) : nil,
            baselineValLoss: run.baselineValidationLoss,
            valSequenceAccuracy: lastReport?.validation.sequenceAccuracy,
            estimatedPeakBytes: run.memoryEstimate.totalBytes, peakResidentBytes: Self.peakResidentBytes(),
            bestEpoch: trainer.earlyStopping?.best?.epoch, stoppedEarly: trainer.stoppedEarly,
            autoencoder: trainer.divergence == nil ? AutoencoderProbe.figures(trainer, configuration: configuration) : nil)
    }

    /// "stopped early after epoch 14: no lower validation loss since epoch 9, whose weights are
    /// back", or the same for a run that ended on a worse epoch; nil when nothing was restored.
    static func earlyStopNote(_ trainer: Trainer) -> String? {
        guard let best = trainer.earlyStopping?.best else { return nil }
        if trainer.stoppedEarly {
            return "stopped early after epoch \(trainer.epoch): no lower validation loss in \(trainer.earlyStopping!.patience) epochs since epoch \(best.epoch), whose weights are back"
                + String(format: " (val_loss %.4f)", best.validation.loss)
        }
        guard let restored = trainer.restoredBestEpoch else { return nil }
        return "the best epoch was \(restored): its weights are back" + String(format: " (val_loss %.4f)", best.validation.loss)
    }

    /// A few words generated at the configured temperature, against the bigram baseline.
    private func sampledWords() -> String {
        var random = RandomGenerator(seed: run.seed &+ UInt64(run.trainer.epoch))
        let settings = run.configuration.sequence
        let words = (0..<6).map { _ in
            WordSampler.word(trainer: run.trainer, characters: run.trainer.data.classNames, length: settings.length,
                             temperature: settings.temperature, random: &random)
        }
        let baseline = run.baselineValidationLoss.map { String(format: " (bigram baseline val_loss %.4f)", $0) } ?? ""
        // The characters come from the word list, an untrusted file: controls are escaped.
        return "  samples at temperature \(settings.temperature): " + TerminalText.escaped(words.joined(separator: " ")) + baseline
    }

    static func describe(_ report: EpochReport, of epochs: Int) -> String {
        func percent(_ value: Float?) -> String { value.map { String(format: " %5.1f%%", $0 * 100) } ?? "" }
        return String(format: "epoch %3d/%d  step %6d  loss %.4f", report.epoch, epochs, report.step, report.trainLoss)
            + percent(report.trainAccuracy)
            + String(format: "  val_loss %.4f", report.validation.loss) + percent(report.validation.accuracy)
            + (report.validation.sequenceAccuracy.map { String(format: " (sequences %.1f%%)", $0 * 100) } ?? "")
            + String(format: "  lr %.3g  %.0f samples/s", report.learningRate, report.samplesPerSecond)
    }

    private func progressBar(_ trainer: Trainer) -> String {
        let done = trainer.step % max(trainer.stepsPerEpoch, 1)
        let width = 30
        let filled = width * done / max(trainer.stepsPerEpoch, 1)
        return "\r\u{1B}[Kepoch \(trainer.epoch + 1) [" + String(repeating: "#", count: filled)
            + String(repeating: ".", count: width - filled) + "] \(done)/\(trainer.stepsPerEpoch)"
    }

    /// The process's peak resident memory so far: `VmHWM` in /proc/self/status.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kibibytes * 1024
    }
}

/// Writes to stderr through `DescriptorWriter`: Foundation's `FileHandle.write` stops the
/// process when the write fails, and a message about a problem must never become a crash of
/// its own. A stderr that cannot be written has nowhere left to report to.
func printToStandardError(_ text: String, newline: Bool = true) {
    try? DescriptorWriter(descriptor: STDERR_FILENO, closesWhenDone: false, name: "standard error", option: "stderr")
        .write(text + (newline ? "\n" : ""))
}
