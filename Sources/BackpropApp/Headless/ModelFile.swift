import BackpropEngine
import Foundation

/// What a saved model file says about itself, in its safetensors `__metadata__`: enough to
/// rebuild the model and its data without any other flag (the preset, every `--set`, the
/// seed that split the data), and the metrics it had when saved, which `backprop eval`
/// checks itself against.
struct ModelFile: Equatable {
    /// The metadata layout this build writes and reads; a file from a newer one is refused.
    static let formatVersion = 1

    var preset: String
    var settings: [String]
    var seed: UInt64
    var epochs: Int
    /// Metric name (as `train --json` names it) to value, at save time.
    var metrics: [String: Double]
    /// The layers, input, data and vocabulary: for a reader without Backprop, and checked on
    /// load. Nil in files written before they were.
    var architecture: ModelArchitecture?

    var metadata: [String: String] {
        var entries = ["format": "pt", "backprop_format": String(Self.formatVersion), "preset": preset,
                       "settings": Self.json(settings), "seed": String(seed), "epochs": String(epochs)]
        for (name, value) in metrics { entries["metric." + name] = "\(value)" }
        if let architecture { entries.merge(architecture.metadata) { current, _ in current } }
        return entries
    }

    init(preset: String, settings: [String], seed: UInt64, epochs: Int, metrics: [String: Double], architecture: ModelArchitecture? = nil) {
        self.preset = preset
        self.settings = settings
        self.seed = seed
        self.epochs = epochs
        self.metrics = metrics
        self.architecture = architecture
    }

    /// Reads the description from `metadata`; a problem names the file and the entry.
    init(metadata: [String: String], source: String) throws(ModelFileError) {
        func fail(_ message: String) -> ModelFileError { ModelFileError(description: "\(source): \(message)") }
        guard let versionText = metadata["backprop_format"] else {
            throw fail("the file does not say which model it holds (no backprop_format in its metadata): save it again with this version, or name the preset")
        }
        guard let version = Int(versionText), version >= 1 else { throw fail("backprop_format '\(versionText)' is not a format number") }
        guard version <= Self.formatVersion else {
            throw fail("made by a newer Backprop (model format \(version); this one reads \(Self.formatVersion))")
        }
        guard let preset = metadata["preset"], Preset.named(preset) != nil else {
            throw fail("metadata names an unknown preset '\(metadata["preset"] ?? "")'; presets: \(Preset.all.map(\.name).joined(separator: ", "))")
        }
        guard let text = metadata["settings"], let data = text.data(using: .utf8),
              let settings = try? JSONSerialization.jsonObject(with: data) as? [String], settings.count <= 64 else {
            throw fail("metadata 'settings' must be a JSON list of key=value strings (at most 64)")
        }
        guard let seed = metadata["seed"].flatMap(UInt64.init) else { throw fail("metadata 'seed' is missing or not a whole number") }
        guard let epochs = metadata["epochs"].flatMap(Int.init), (1...100_000).contains(epochs) else {
            throw fail("metadata 'epochs' is missing or not in 1...100000")
        }
        var metrics: [String: Double] = [:]
        for (key, value) in metadata where key.hasPrefix("metric.") {
            guard let number = Double(value) else { throw fail("metadata '\(key)' = '\(value)' is not a number") }
            metrics[String(key.dropFirst("metric.".count))] = number
        }
        let architecture = try ModelArchitecture(metadata: metadata, fail: fail)
        self.init(preset: preset, settings: settings, seed: seed, epochs: epochs, metrics: metrics, architecture: architecture)
    }

    /// Refuses a run whose model is not the one the file describes (other settings, another
    /// word list), naming what differs; a file without an architecture is not checked.
    func check(_ run: PreparedRun, source: String) throws(ModelFileError) {
        guard let architecture else { return }
        let built = ModelArchitecture(trainer: run.trainer, configuration: run.configuration)
        if let difference = architecture.difference(from: built) {
            throw ModelFileError(description: "\(source): holds another model than these settings make: \(difference)")
        }
    }

    /// The description in the file at `path`; nil for a file without one (made by PyTorch,
    /// or by a Backprop before files described themselves).
    static func described(by path: String) throws -> ModelFile? {
        let metadata = try Safetensors.readMetadata(from: path)
        if let preset = metadata["preset"], GANPreset.named(preset) != nil {
            throw ModelFileError(description: "\(path): it holds the two networks of the GAN preset '\(preset)' "
                                 + "(generator.* and discriminator.*, for PyTorch); eval, export and --load read one network of the other presets")
        }
        guard metadata["backprop_format"] != nil else { return nil }
        return try ModelFile(metadata: metadata, source: path)
    }

    /// The configuration the file's preset and settings make, with `extra` settings (a
    /// command's own `--set`) after them; a setting that does not apply names the file.
    func configuration(source: String, extra: [String] = []) throws(ModelFileError) -> RunConfiguration {
        do { return try checkedConfiguration(preset: preset, settings: settings + extra) } catch {
            let added = extra.isEmpty ? "" : " with --set " + extra.joined(separator: " --set ")
            throw ModelFileError(description: "\(source): its preset '\(preset)' and settings \(Self.json(settings))\(added) do not make a model: \(error)")
        }
    }

    /// The validation metrics a run ended with, when its last epoch measured the weights it
    /// ends with: nil after a divergence, whose weights were never evaluated.
    static func metrics(of summary: RunSummary) -> [String: Double]? {
        guard !summary.diverged, let loss = summary.valLoss else { return nil }
        var metrics = ["val_loss": Double(loss)]
        if let accuracy = summary.valAccuracy { metrics["val_accuracy"] = Double(accuracy) }
        if let sequences = summary.valSequenceAccuracy { metrics["val_sequence_accuracy"] = Double(sequences) }
        return metrics
    }

    /// The metrics of an evaluation, by the names `train --json` gives them.
    static func metrics(of evaluation: Evaluation) -> [String: Double] {
        var metrics = ["val_loss": Double(evaluation.loss)]
        if let accuracy = evaluation.accuracy { metrics["val_accuracy"] = Double(accuracy) }
        if let sequences = evaluation.sequenceAccuracy { metrics["val_sequence_accuracy"] = Double(sequences) }
        return metrics
    }

    private static func json(_ strings: [String]) -> String {
        (try? JSONSerialization.data(withJSONObject: strings)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }
}

struct ModelFileError: Error, CustomStringConvertible {
    let description: String
}
