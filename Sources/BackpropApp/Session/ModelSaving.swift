import BackpropEngine
import BackpropLessons
import Foundation

/// The `w` key of every lab and the Playground: the current model written as a
/// self-describing file (the preset, the settings that rebuild the run, the seed and the
/// validation metrics as saved, as `train --save` writes them), which `backprop eval` and
/// `train --load` read without any other flag.
enum ModelSaving {
    /// Where the models go inside the state folder.
    static let folderName = "models"

    /// `models` in the state folder the environment names (where progress is kept too).
    static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (ProgressStore.stateFolder(environment: environment) as NSString).appendingPathComponent(folderName)
    }

    /// Writes the model into `folder` under a new name and says where, or why it could not.
    /// Runs on the trainer thread, between steps, so the weights are one step's.
    static func save(_ trainer: Trainer, configuration: RunConfiguration, seed: UInt64, in folder: String, now: Date = Date()) -> String {
        do {
            return "saved \(try saveFile(trainer, configuration: configuration, seed: seed, in: folder, now: now).path) (backprop eval reads it)"
        } catch {
            return "not saved: \(error)"
        }
    }

    /// Writes the model into `folder` under a new name: its path and what it says about itself.
    static func saveFile(_ trainer: Trainer, configuration: RunConfiguration, seed: UInt64, in folder: String,
                         now: Date = Date()) throws -> (path: String, model: ModelFile) {
        guard let base = Preset.named(configuration.preset)?.configuration, let settings = configuration.assignments(from: base) else {
            throw ModelFileError(description: "this run's settings cannot be written as --set assignments")
        }
        let metrics = ModelFile.metrics(of: trainer.evaluate(trainer.data.validation))
        let model = ModelFile(preset: configuration.preset, settings: settings, seed: seed, epochs: configuration.epochs, metrics: metrics,
                              architecture: ModelArchitecture(trainer: trainer, configuration: configuration))
        // A lab's data may not be its preset's (lesson 1 trains the xor preset on gauss): the
        // name says both, so that the file is found by what the learner saw.
        let data = configuration.dataset == base.dataset ? "" : "-" + configuration.dataset.name
        let path = (folder as NSString).appendingPathComponent("\(configuration.preset)\(data)-epoch\(trainer.epoch)-\(stamp(now)).safetensors")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The same guarded writer as `--save`: a new file, never a device or a link replaced.
        try OutputFile(option: "w", path: path, allowsStandardOutput: false).write(Safetensors.encode(trainer.network.stateDict, metadata: model.metadata))
        return (path, model)
    }

    /// The `w` key on a GAN lab: both networks as `train --save` writes them for a GAN
    /// (`generator.*` and `discriminator.*`, with the preset, settings, seed, steps and
    /// coverage), under a new name in `folder`. What was written, or why it was not.
    static func save(_ run: PreparedAdversarialRun, steps: Int, coverage: ModeCoverage?, in folder: String, now: Date = Date()) -> String {
        let configuration = run.configuration
        do {
            guard let base = GANPreset.named(configuration.preset)?.configuration else {
                throw ModelFileError(description: "unknown GAN preset '\(configuration.preset)'")
            }
            var metadata = ["preset": configuration.preset, "settings": configuration.assignments(from: base).joined(separator: " "),
                            "seed": "\(run.seed)", "steps": "\(steps)"]
            if let coverage { metadata["modes_covered"] = "\(coverage.covered)/\(coverage.modes)" }
            let path = (folder as NSString).appendingPathComponent("\(configuration.preset)-\(configuration.dataset.rawValue)-step\(steps)-\(stamp(now)).safetensors")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try OutputFile(option: "w", path: path, allowsStandardOutput: false).write(Safetensors.encode(run.stateDict, metadata: metadata))
            return "saved \(path) (generator.* and discriminator.*, as train --save writes them)"
        } catch {
            return "not saved: \(error)"
        }
    }

    /// The `e` key: the model saved as `w` saves it, and beside it the PyTorch script that
    /// `backprop export --pytorch` writes for it. The message says where; the script is
    /// returned for the screen to show.
    static func exportPyTorch(_ run: PreparedRun, configuration: RunConfiguration, in folder: String,
                              now: Date = Date()) -> (message: String, script: ExportedScript?) {
        do {
            let saved = try saveFile(run.trainer, configuration: configuration, seed: run.seed, in: folder, now: now)
            let scriptPath = String(saved.path.dropLast(".safetensors".count)) + ".py"
            let written = try ExportCommand.write(saved.model, run: run, weights: saved.path, to: scriptPath)
            return ("wrote \(scriptPath): python3 runs it", ExportedScript(number: 0, path: scriptPath, text: written.script))
        } catch {
            return ("not exported: \(error)", nil)
        }
    }

    /// UTC to the second, so names sort by time and never collide within a run.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
