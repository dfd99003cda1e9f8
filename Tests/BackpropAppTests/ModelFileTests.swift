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
}
