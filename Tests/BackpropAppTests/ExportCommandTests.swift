@testable import BackpropApp
import BackpropEngine
import Foundation
import Testing

/// `backprop export FILE --pytorch OUT.py`: the script is a pure function of the model file and
/// its plan, each Backprop layer becomes a stock module whose state-dict names match, text from
/// the file cannot break out of the script's strings, and bad input is refused by name. That the
/// scripts reproduce `backprop eval` is checked by running them: `Tests/parity/check_export.py`.
/// Every file is made in a temporary folder: nothing here touches /dev.
@Suite("PyTorch export")
struct ExportCommandTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "backprop-export-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    /// A model file as `train --save` writes it, of the untrained network the seed makes.
    func savedModel(_ preset: String, settings: [String] = [], name: String) throws -> String {
        let run = try RunBuilder.prepare(BackpropApp.configuration(preset: preset, settings: settings), seed: 3)
        let model = ModelFile(preset: preset, settings: settings, seed: 3, epochs: 1,
                              metrics: ModelFile.metrics(of: run.trainer.evaluate(run.trainer.data.validation)))
        try Safetensors.write(run.trainer.network.stateDict, to: path(name), metadata: model.metadata)
        return path(name)
    }

    static let spiralPlan = PyTorchExportPlan(
        layers: [LayerDescriptor(type: "linear", settings: ["in": 2, "out": 8, "bias": 1]), LayerDescriptor(type: "tanh"),
                 LayerDescriptor(type: "linear", settings: ["in": 8, "out": 2, "bias": 1])],
        loss: .crossEntropy, classes: 2, outputWidth: 2, predictionsPerSample: 1, penalized: ["0.weight", "2.weight"],
        penalty: Penalty(l1: 0, l2: 0.01), optimizer: OptimizerSettings(kind: .adam, learningRate: 0.02), schedule: .cosine,
        clipNorm: 0.5, batchSize: 10, epochs: 200, carriesRecurrentState: false,
        data: .playground(dataset: "spiral", features: ["x1", "x2"], regression: false),
        weightsPath: "/models/spiral.safetensors", companionName: "spiral.data.safetensors")

    static let spiralModel = ModelFile(preset: "spiral", settings: ["hidden=8", "l2=0.01", "clip=0.5"], seed: 7, epochs: 3,
                                       metrics: ["val_loss": 0.25, "val_accuracy": 0.9])

    @Test func theScriptIsAPureFunctionOfTheFileAndThePlan() {
        let script = PyTorchExport.script(for: Self.spiralModel, plan: Self.spiralPlan, scriptName: "spiral.py")
        #expect(script == PyTorchExport.script(for: Self.spiralModel, plan: Self.spiralPlan, scriptName: "spiral.py"))
        for line in ["backprop train spiral --set hidden=8 --set l2=0.01 --set clip=0.5 --seed 7",
                     "    python3 spiral.py --train N   first train it N more epochs, as `backprop train --load` would",
                     "WEIGHTS = Path(\"/models/spiral.safetensors\")",
                     "COMPANION = Path(__file__).resolve().with_name(\"spiral.data.safetensors\")",
                     "            nn.Linear(2, 8),  # 0", "            nn.Tanh(),  # 1", "            nn.Linear(8, 2),  # 2",
                     "PENALIZED = [\"0.weight\", \"2.weight\"]",
                     "    return F.cross_entropy(outputs.reshape(-1, outputs.shape[-1]), targets.reshape(-1))",
                     "    return torch.optim.Adam(model.parameters(), lr=0.02, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0)",
                     "    return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps, eta_min=0)",
                     "            nn.utils.clip_grad_norm_(model.parameters(), 0.5)",
                     "SAVED_METRICS = {\"val_accuracy\": 0.9, \"val_loss\": 0.25}"] {
            #expect(script.contains(line + "\n"), "missing: \(line)")
        }
        #expect(!script.contains("val_sequence_accuracy"), "one prediction per sample scores no sequences")
    }

    @Test func eachLayerIsAStockModuleOrASmallSubclassOfOne() {
        let cases: [(LayerDescriptor, String, String?)] = [
            (LayerDescriptor(type: "conv2d", settings: ["in": 1, "out": 6, "kernel_h": 5, "kernel_w": 5, "stride": 1, "padding": 2, "bias": 0]),
             "nn.Conv2d(1, 6, kernel_size=5, padding=2, bias=False)", nil),
            (LayerDescriptor(type: "maxpool2d", settings: ["kernel": 2, "stride": 2]), "nn.MaxPool2d(2)", nil),
            (LayerDescriptor(type: "batchnorm2d", settings: ["channels": 16]), "nn.BatchNorm2d(16)", nil),
            (LayerDescriptor(type: "dropout", settings: ["p": 0.2]), "nn.Dropout(0.2)", nil),
            (LayerDescriptor(type: "leaky_relu", settings: ["negative_slope": 0.01]), "nn.LeakyReLU(0.01)", nil),
            (LayerDescriptor(type: "embedding", settings: ["vocabulary": 58, "dimension": 32]), "nn.Embedding(58, 32)", nil),
            (LayerDescriptor(type: "lstm", settings: ["in": 32, "hidden": 128]), "LSTMSteps(32, 128, batch_first=True)", "class LSTMSteps(nn.LSTM):"),
            (LayerDescriptor(type: "rnn", settings: ["in": 2, "hidden": 64]), "RNNSteps(2, 64, batch_first=True)", "class RNNSteps(nn.RNN):"),
            (LayerDescriptor(type: "last_step"), "LastSteps(1)", "class LastSteps(nn.Module):"),
            (LayerDescriptor(type: "positional_learned", settings: ["steps": 8, "d": 32]), "LearnedPositions(8, 32)", "class LearnedPositions(nn.Module):"),
            (LayerDescriptor(type: "positional_none", settings: ["steps": 8, "d": 32]), "nn.Identity()", nil),
            (LayerDescriptor(type: "transformer_block", settings: ["d": 32, "heads": 2, "causal": 0]),
             "nn.TransformerEncoderLayer(32, 2, dim_feedforward=128, dropout=0.0, activation=\"gelu\", batch_first=True, norm_first=True)", nil),
            (LayerDescriptor(type: "transformer_block", settings: ["d": 64, "heads": 4, "causal": 1]),
             "CausalEncoderLayer(64, 4)", "class CausalEncoderLayer(nn.TransformerEncoderLayer):"),
            (LayerDescriptor(type: "residual", body: [LayerDescriptor(type: "linear", settings: ["in": 16, "out": 16, "bias": 1]),
                                                      LayerDescriptor(type: "tanh")]),
             "Residual(nn.Linear(16, 16), nn.Tanh())", "class Residual(nn.Module):"),
        ]
        for (layer, module, helper) in cases {
            let exported = PyTorchExport.pythonModule(for: layer)
            #expect(exported?.module == module, "\(layer.type)")
            #expect(exported?.helpers.last?.split(separator: "\n").first.map(String.init) == helper, "\(layer.type)")
        }
        #expect(PyTorchExport.pythonModule(for: LayerDescriptor(type: "capsule")) == nil, "an unknown layer is refused, not guessed")
        #expect(PyTorchExport.pythonModule(for: LayerDescriptor(type: "residual", body: [LayerDescriptor(type: "capsule")])) == nil,
                "nor is a block around one")
    }

    @Test func theLossTheMetricsAndTheScheduleFollowTheEngine() {
        var plan = Self.spiralPlan
        plan.loss = .mse
        plan.outputWidth = 1
        plan.schedule = .warmupCosine(steps: 100)
        plan.optimizer = OptimizerSettings(kind: .nesterov, learningRate: 0.1)
        let script = PyTorchExport.script(for: Self.spiralModel, plan: plan)
        #expect(script.contains("F.mse_loss(outputs, (targets.float() * 2 - 1).reshape(outputs.shape))"), "classes coded ±1 for one tanh output")
        #expect(script.contains("right = (outputs[..., 0] > 0).long() == expected"), "the sign of one output is the class")
        #expect(script.contains("torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.0)"))
        #expect(script.contains("SequentialLR(optimizer, [warmup, cosine], milestones=[100])"))

        plan.predictionsPerSample = 8
        plan.loss = .crossEntropy
        plan.outputWidth = 10
        plan.penalty = Penalty()
        let sequences = PyTorchExport.script(for: Self.spiralModel, plan: plan)
        #expect(sequences.contains("metrics[\"val_sequence_accuracy\"] = sequences_right / len(inputs)"))
        #expect(!sequences.contains("PENALIZED"), "no penalty, no list of penalized weights")
    }

    /// The preset, settings and paths come from a file anyone can edit: they are escaped in
    /// strings and flattened in the docstring, so they cannot end it or add code.
    @Test func textFromTheFileCannotBreakOutOfTheScript() {
        let hostile = "x\"\"\"\nimport os; os.system('rm -rf /')\\"
        var model = Self.spiralModel
        model.settings = [hostile]
        var plan = Self.spiralPlan
        plan.weightsPath = "/tmp/\(hostile).safetensors"
        let script = PyTorchExport.script(for: model, plan: plan)
        #expect(!script.contains("\nimport os"), "no line of the script starts with the file's text")
        #expect(script.components(separatedBy: "\"\"\"").count % 2 == 1, "every docstring is closed")
        #expect(PyTorchExport.pythonString("a\"b\\c\nd\u{7}") == #""a\"b\\c\nd\u0007""#)
    }

    @Test func aSavedModelExportsWithItsCompanionData() throws {
        defer { cleanUp() }
        let model = try savedModel("xor", name: "xor.safetensors")
        let written = try ExportCommand.export(model, to: path("xor.py"))
        #expect(written.companion == path("xor.data.safetensors"))
        let script = try String(contentsOfFile: path("xor.py"), encoding: .utf8)
        #expect(script == written.script && script.hasPrefix("#!/usr/bin/env python3\n"))
        #expect(script.contains("WEIGHTS = Path(\(PyTorchExport.pythonString(model)))"))
        let companion = try Safetensors.read(from: path("xor.data.safetensors"))
        #expect(Set(companion.keys) == ["train.points", "train.labels", "validation.points", "validation.labels"])
        #expect(companion["train.points"]?.shape == [250, 2] && companion["validation.labels"]?.shape == [250])
    }

    @Test func theDigitsSplitIsWrittenAsRowsOfTheShippedFile() throws {
        defer { cleanUp() }
        let model = try savedModel("digits-mlp", settings: ["hidden=4"], name: "digits.safetensors")
        try ExportCommand.export(model, to: path("digits.py"))
        let companion = try Safetensors.read(from: path("digits.data.safetensors"))
        let train = companion["train.rows"]?.values ?? [], validation = companion["validation.rows"]?.values ?? []
        #expect(train.count + validation.count == 1797 && validation.count == 359)
        #expect(Set(train + validation).count == 1797, "each row in exactly one part")
    }

    @Test func aFileWithoutBackpropMetadataOrWithAnUnknownPresetIsRefusedByName() throws {
        defer { cleanUp() }
        try Safetensors.write(["0.weight": NamedTensor(shape: [1], values: [1])], to: path("plain.safetensors"))
        var metadata = Self.spiralModel.metadata
        metadata["preset"] = "resnet-9000"
        try Safetensors.write(["0.weight": NamedTensor(shape: [1], values: [1])], to: path("unknown.safetensors"), metadata: metadata)
        for (name, expected) in [("plain.safetensors", "does not say which model it holds"), ("unknown.safetensors", "unknown preset 'resnet-9000'")] {
            do {
                try ExportCommand.export(path(name), to: path("out.py"))
                Issue.record("\(name) was exported")
            } catch {
                #expect("\(error)".hasPrefix(path(name) + ": ") && "\(error)".contains(expected), "\(error)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path("out.py")), "nothing written")
    }

    /// The engine scores a sequence model under MSE as one flat row per sequence, which no
    /// PyTorch loss does: the export says so rather than writing a script that disagrees.
    @Test func aLossWithoutAPyTorchCounterpartIsRefusedByName() throws {
        defer { cleanUp() }
        let model = try savedModel("copy-rnn", settings: ["limit=100", "loss=mse"], name: "copy.safetensors")
        #expect(throws: PyTorchExportError.self) { try ExportCommand.export(model, to: path("copy.py")) }
        do { try ExportCommand.export(model, to: path("copy.py")) } catch {
            #expect("\(error)".hasPrefix(model + ": loss mse on sequences"), "\(error)")
        }
    }

    @Test func anUnwritableOrStreamingDestinationIsRefusedAndLeftAsItIs() throws {
        defer { cleanUp() }
        let model = try savedModel("xor", name: "xor.safetensors")
        #expect(mkfifo(path("pipe.py"), 0o600) == 0)
        _ = FileManager.default.createFile(atPath: path("locked.py"), contents: Data("keep".utf8), attributes: [.posixPermissions: 0o444])
        let cases = [(path("missing/out.py"), "the folder"), (folder, "it is a directory"), (path("locked.py"), "read-only"),
                     (path("pipe.py"), "needs a data file beside it")]
        for (destination, reason) in cases {
            do {
                try ExportCommand.export(model, to: destination)
                Issue.record("\(destination) was written")
            } catch {
                #expect("\(error)".contains("--pytorch: cannot write '\(destination)'") && "\(error)".contains(reason), "\(error)")
            }
        }
        var status = stat()
        #expect(lstat(path("pipe.py"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO stays a FIFO")
        #expect(try String(contentsOfFile: path("locked.py"), encoding: .utf8) == "keep")
    }

    @Test func aLinkIsFollowedAndTheDataGoesBesideItsTarget() throws {
        defer { cleanUp() }
        let model = try savedModel("xor", name: "xor.safetensors")
        try FileManager.default.createDirectory(atPath: path("real"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path("real/script.py"), contents: Data())
        try FileManager.default.createSymbolicLink(atPath: path("link.py"), withDestinationPath: "real/script.py")
        let written = try ExportCommand.export(model, to: path("link.py"))
        #expect(written.companion.map { ($0 as NSString).lastPathComponent } == "script.data.safetensors")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path("link.py"))) == "real/script.py", "the link stays")
        #expect(try String(contentsOfFile: path("real/script.py"), encoding: .utf8) == written.script)
    }

    @Test func theCommandExitsOneAndNamesTheFile() throws {
        defer { cleanUp() }
        let cli = CommandLineTests()
        guard cli.available else { return skip("the backprop binary is not built") }
        try Safetensors.write(["0.weight": NamedTensor(shape: [1], values: [1])], to: path("plain.safetensors"))
        let refused = try cli.backprop(["export", path("plain.safetensors"), "--pytorch", path("out.py")])
        #expect(refused.status == 1 && refused.errors.contains(path("plain.safetensors") + ": the file does not say"), "\(refused.errors)")
    }
}
