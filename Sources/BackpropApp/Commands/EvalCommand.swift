import ArgumentParser
import BackpropEngine
import Foundation

/// `backprop eval FILE`: rebuilds the model a saved file describes, with its data, and
/// evaluates it on the validation set without training; the result must agree with the
/// metrics the file recorded when it was saved.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a saved model on its validation set, without training.",
        discussion: "FILE is a model saved by `backprop train --save`; it names its preset, settings and seed.")

    @Argument(help: "The safetensors file to evaluate.")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    /// Relative difference allowed between the file's recorded metrics and this evaluation.
    static let tolerance = 1e-4

    func run() throws {
        let evaluation: (model: ModelFile, metrics: [String: Double])
        do { evaluation = try Self.evaluate(file) } catch {
            // The message quotes the file's own metadata: its control characters are escaped.
            printToStandardError("backprop: " + TerminalText.escaped("\(error)"))
            throw ExitCode(1)
        }
        let disagreements = Self.disagreements(recorded: evaluation.model.metrics, measured: evaluation.metrics)
        print(json ? Self.json(evaluation.model, evaluation.metrics, agrees: disagreements.isEmpty) : Self.text(evaluation.model, evaluation.metrics))
        if !disagreements.isEmpty {
            printToStandardError("backprop: \(file): the evaluation disagrees with the metrics saved in the file: " + disagreements.joined(separator: "; "))
            throw ExitCode(1)
        }
    }

    /// The file's model, rebuilt and loaded, and its validation metrics.
    static func evaluate(_ path: String) throws -> (model: ModelFile, metrics: [String: Double]) {
        guard let model = try ModelFile.described(by: path) else {
            throw ModelFileError(description: "\(path): the file does not say which model it holds (no backprop_format in its metadata); train --load it with a preset instead")
        }
        let prepared = try RunBuilder.prepare(model.configuration(source: path), seed: model.seed)
        try model.check(prepared, source: path)
        let trainer = prepared.trainer
        try trainer.network.load(stateDict: Safetensors.read(from: path), source: path)
        return (model, ModelFile.metrics(of: trainer.evaluate(trainer.data.validation)))
    }

    /// Each recorded metric that this evaluation does not reproduce, in words.
    static func disagreements(recorded: [String: Double], measured: [String: Double]) -> [String] {
        recorded.keys.sorted().compactMap { name in
            let saved = recorded[name]!
            guard let now = measured[name] else { return "\(name) was saved as \(saved) but is not measured" }
            let scale = max(abs(saved), abs(now), 1e-12)
            return abs(saved - now) / scale <= tolerance ? nil : "\(name) saved \(saved), now \(now)"
        }
    }

    private static func text(_ model: ModelFile, _ metrics: [String: Double]) -> String {
        let settings = model.settings.isEmpty ? "" : " " + model.settings.map { "--set \($0)" }.joined(separator: " ")
        var lines = ["\(model.preset)\(settings) --seed \(model.seed): evaluated on its validation set, no training"]
        // The figures as `train` prints them.
        if let accuracy = metrics["val_accuracy"] {
            lines.append(String(format: "validation accuracy %.4f, loss %.4f", accuracy, metrics["val_loss"] ?? .nan))
        } else if let loss = metrics["val_loss"] {
            lines.append(String(format: "validation loss %.4f", loss))
        }
        if let sequences = metrics["val_sequence_accuracy"] { lines.append(String(format: "whole sequences right %.4f", sequences)) }
        return lines.joined(separator: "\n")
    }

    private static func json(_ model: ModelFile, _ metrics: [String: Double], agrees: Bool) -> String {
        var object: [String: Any] = ["preset": model.preset, "settings": model.settings, "seed": model.seed,
                                     "agrees_with_file": agrees, "saved": model.metrics]
        for (name, value) in metrics { object[name] = value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(data: data, encoding: .utf8) ?? "{}"
    }

}
