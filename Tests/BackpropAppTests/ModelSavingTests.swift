@testable import BackpropApp
import BackpropEngine
import BackpropLessons
import Foundation
import Testing

/// The `w` key: a lab's model, with the learner's knob changes, saved so that the file
/// alone rebuilds the same run and the same weights.
@Suite struct ModelSavingTests {
    @Test func aSavedLabModelRebuildsItsRunAndWeights() throws {
        var configuration = Preset.xor.configuration
        for change in ["dataset=circle", "hidden=8,8", "activation=relu", "lr=0.1", "noise=20"] { try configuration.apply(change) }
        let run = try RunBuilder.prepare(configuration, seed: 7)
        for _ in 0..<5 { run.trainer.trainStep() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-saving-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = ModelSaving.save(run.trainer, configuration: configuration, seed: 7, in: folder)
        #expect(message.hasPrefix("saved " + folder + "/xor-circle-epoch0-"), "the preset, then the data it was changed to: \(message)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let path = folder + "/" + files[0]
        let model = try #require(try ModelFile.described(by: path))
        #expect(model.seed == 7)
        #expect(try model.configuration(source: path) == configuration)
        let weights = try Safetensors.read(from: path)
        for (name, tensor) in run.trainer.network.stateDict { #expect(weights[name] == tensor, "\(name)") }
        #expect(model.metrics["val_loss"].map { abs($0 - Double(run.trainer.evaluate(run.trainer.data.validation).loss)) < 1e-6 } == true)
    }

    @Test func aFolderThatCannotBeMadeIsSaidNotHidden() throws {
        let run = try RunBuilder.prepare(Preset.xor.configuration, seed: 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-saving-file-\(getpid())").path
        FileManager.default.createFile(atPath: file, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: file) }
        let message = ModelSaving.save(run.trainer, configuration: Preset.xor.configuration, seed: 1, in: file + "/models")
        #expect(message.hasPrefix("not saved: "), "\(message)")
    }

    /// The `e` key: the model saved, and beside it the script `backprop export` writes for it,
    /// which the snapshot carries for the screen; the screen shows it once, and Esc closes it.
    @Test func takingALabModelToPyTorchWritesTheScriptAndShowsIt() throws {
        var configuration = Preset.fashionCNN.configuration
        try configuration.apply("limit=64")
        let run = try RunBuilder.prepare(configuration, seed: 3)
        run.trainer.trainStep()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-export-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let exported = ModelSaving.exportPyTorch(run, configuration: run.configuration, in: folder)
        let script = try #require(exported.script, "\(exported.message)")
        #expect(exported.message == "wrote \(script.path): python3 runs it")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".py") } == [(script.path as NSString).lastPathComponent])
        #expect(try String(contentsOfFile: script.path, encoding: .utf8) == script.text)
        #expect(script.text.contains("nn.Conv2d(1, 6, kernel_size=5, padding=2)"))

        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "convolutions" })
        var screen = LessonScreen(lesson: lesson, page: 3, progress: LessonProgress())
        guard case .send(.exportPyTorch) = screen.handle(.character("e")) else {
            Issue.record("e sends no export")
            return
        }
        var snapshot = SessionSnapshot(configuration: try #require(screen.runConfiguration))
        snapshot.pytorchScript = script
        screen.observe(snapshot)
        #expect(screen.shownScript == script)
        _ = screen.handle(.escape)
        #expect(screen.shownScript == nil)
        screen.observe(snapshot)
        #expect(screen.shownScript == nil, "a script once closed does not open again")
    }
}
