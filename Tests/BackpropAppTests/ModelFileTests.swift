@testable import BackpropApp
import BackpropEngine
import Foundation
import Testing

/// Saved models describe themselves: `eval` rebuilds and evaluates one from the file alone,
/// `train --load` needs no preset, and a file that cannot be trusted is refused by name.
@Suite("Self-describing model files")
struct ModelFileTests {
    @Test func theDescriptionRoundTripsThroughTheMetadata() throws {
        let model = ModelFile(preset: "spiral", settings: ["lr=0.02", "hidden=8,8"], seed: 7, epochs: 3, metrics: ["val_loss": 0.5, "val_accuracy": 0.75])
        #expect(try ModelFile(metadata: model.metadata, source: "m.safetensors") == model)
        #expect(model.metadata["format"] == "pt", "still a PyTorch state dict file")
    }

    @Test func aFileThatCannotBeTrustedIsRefusedByName() {
        var newer = ModelFile(preset: "xor", settings: [], seed: 1, epochs: 1, metrics: [:]).metadata
        newer["backprop_format"] = "99"
        var unknown = newer
        unknown["backprop_format"] = "1"
        unknown["preset"] = "resnet-9000"
        var settings = unknown
        settings["preset"] = "xor"
        settings["settings"] = "{\"lr\": 1}"
        var metric = settings
        metric["settings"] = "[]"
        metric["metric.val_loss"] = "low"
        let cases: [([String: String], String)] = [(newer, "newer Backprop (model format 99"), (unknown, "unknown preset 'resnet-9000'"),
                                                   (settings, "'settings' must be a JSON list"), (metric, "'metric.val_loss' = 'low'")]
        for (metadata, expected) in cases {
            #expect(throws: ModelFileError.self) { try ModelFile(metadata: metadata, source: "bad.safetensors") }
            do { _ = try ModelFile(metadata: metadata, source: "bad.safetensors") } catch {
                #expect(error.description.hasPrefix("bad.safetensors: ") && error.description.contains(expected), "\(error)")
            }
        }
    }

    /// Trained, saved, evaluated from the file alone: the evaluation reproduces the metrics the
    /// file recorded, and the run goes on from it with no preset named.
    @Test func evalReproducesTheSavedMetricsFromTheFileAlone() throws {
        let cli = CommandLineTests()
        guard cli.available else { return skip("the backprop binary is not built") }
        let path = "/tmp/backprop-model-\(getpid()).safetensors"
        defer { unlink(path) }
        let trained = try cli.backprop(["train", "spiral", "--epochs", "2", "--set", "hidden=8,8", "--seed", "5", "--save", path])
        #expect(trained.status == 0, "\(trained.errors)")
        let evaluated = try cli.backprop(["eval", path, "--json"])
        #expect(evaluated.status == 0, "\(evaluated.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.output.utf8)) as? [String: Any])
        #expect(object["agrees_with_file"] as? Bool == true && object["preset"] as? String == "spiral")
        #expect((object["val_accuracy"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
        let resumed = try cli.backprop(["train", "--load", path, "--epochs", "1"])
        #expect(resumed.status == 0, "\(resumed.errors)")
        let mismatched = try cli.backprop(["train", "xor", "--load", path, "--epochs", "1"])
        #expect(mismatched.status != 0 && mismatched.errors.contains("holds a 'spiral' model, not 'xor'"))
        // Settings the file carries that make no model: the message names the file, once.
        let broken = ModelFile(preset: "spiral", settings: ["hidden=9999999"], seed: 1, epochs: 1, metrics: [:])
        #expect(throws: ModelFileError.self) { try broken.configuration(source: path) }
        do { _ = try broken.configuration(source: path) } catch {
            #expect(error.description.hasPrefix(path + ": ") && error.description.contains("'hidden'"), "\(error)")
        }
        // A file with no description: eval says what is missing and exits 1.
        try Safetensors.encode(["w": NamedTensor(shape: [1], values: [1])]).write(to: URL(fileURLWithPath: path))
        let bare = try cli.backprop(["eval", path])
        #expect(bare.status == 1 && bare.errors.contains("does not say which model it holds"))
    }

    /// The file carries the layers, input, data and vocabulary, enough for a reader without
    /// Backprop; a run whose model differs from them is refused with what differs.
    @Test func theArchitectureIsWrittenAndChecked() throws {
        var configuration = Preset.wordsGRU.configuration
        try configuration.apply("limit=200")
        let run = try RunBuilder.prepare(configuration, seed: 2)
        let architecture = ModelArchitecture(trainer: run.trainer, configuration: configuration)
        let model = ModelFile(preset: "words-gru", settings: ["limit=200"], seed: 2, epochs: 1, metrics: [:], architecture: architecture)
        let read = try ModelFile(metadata: model.metadata, source: "m.safetensors")
        #expect(read == model)
        #expect(read.architecture?.layers.map(\.type) == ["embedding", "gru", "linear"])
        #expect(read.architecture?.vocabulary == run.trainer.data.classNames)
        #expect(read.architecture?.data.contains("windows of 64 character ids") == true)
        try read.check(run, source: "m.safetensors")

        try configuration.apply("hidden=32")
        let other = try RunBuilder.prepare(configuration, seed: 2)
        #expect(throws: ModelFileError.self) { try read.check(other, source: "m.safetensors") }
        do { try read.check(other, source: "m.safetensors") } catch {
            #expect(error.description.hasPrefix("m.safetensors: holds another model") && error.description.contains("layer 1"), "\(error)")
        }
        var changedWords = architecture
        changedWords.vocabulary = ["x"] + (architecture.vocabulary ?? []).dropFirst()
        #expect(changedWords.difference(from: architecture)?.contains("id 0 is 'x' in the file") == true)
    }

    @Test func aHostileArchitectureIsRefusedByName() {
        var metadata = ModelFile(preset: "xor", settings: [], seed: 1, epochs: 1, metrics: [:]).metadata
        let layer = #"{"type":"linear","settings":{"in":2}}"#
        metadata["architecture"] = #"{"input_shape":[2],"layers":["# + Array(repeating: layer, count: 600).joined(separator: ",") + "]}"
        #expect(throws: ModelFileError.self) { try ModelFile(metadata: metadata, source: "bad.safetensors") }
        metadata["architecture"] = #"{"input_shape":[2],"layers":[{"type":"linear","settings":{"in":"two"}}]}"#
        #expect(throws: ModelFileError.self) { try ModelFile(metadata: metadata, source: "bad.safetensors") }
        do { _ = try ModelFile(metadata: metadata, source: "bad.safetensors") } catch {
            #expect(error.description.contains("layer 0 needs a type and numeric settings"), "\(error)")
        }
        metadata["architecture"] = #"{"input_shape":[2],"layers":[]}"#
        metadata["vocabulary"] = "[1, 2]"
        #expect(throws: ModelFileError.self) { try ModelFile(metadata: metadata, source: "bad.safetensors") }
        do { _ = try ModelFile(metadata: metadata, source: "bad.safetensors") } catch {
            #expect(error.description.contains("'vocabulary' must be a JSON list"), "\(error)")
        }
    }
}
