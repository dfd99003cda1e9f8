import ArgumentParser
import BackpropEngine
import Foundation

/// `backprop parity PRESET --out DIR`: writes one batch, the weights, and our logits, loss and
/// gradients, so `Tests/parity/check_parity.py` can recompute them with PyTorch. With
/// `--steps N` it writes N training steps instead (`ParityTrainingExport`).
struct ParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity", abstract: "Export a model, a batch and its gradients for the PyTorch parity check.",
        shouldDisplay: false)

    @Argument var preset: String
    @Option(name: .customLong("set"), help: ArgumentHelp(valueName: "key=value")) var settings: [String] = []
    @Option var seed: UInt64 = 1
    @Option(help: ArgumentHelp(valueName: "DIR")) var out: String
    @Option(help: "Train this many steps and write each one, instead of one batch's gradients.") var steps: Int = 0
    @Flag(help: "With --steps: split each batch across the cores where train would.") var split = false
    @Flag(help: "Keep dropout and write only evaluation-mode outputs (no training, no gradients).") var evalOnly = false
    @Option(help: ArgumentHelp("Start from these weights (a state dict made by PyTorch, say) instead of the seed's.", valueName: "FILE"))
    var load: String?

    func run() throws {
        if let adversarial = GANPreset.named(preset) { return try exportAdversarial(adversarial) }
        var configuration = try BackpropApp.configuration(preset: preset, settings: settings)
        // Dropout would draw masks PyTorch cannot redraw. One batch's gradients are the data
        // loss's alone; training steps keep the penalty, which the checker adds itself.
        if !evalOnly { configuration.dropout = 0 }
        if steps == 0 {
            configuration.l1 = 0
            configuration.l2 = 0
        }
        guard (0...10_000).contains(steps) else {
            printToStandardError("backprop: --steps must be from 0 to 10000; got \(steps)")
            throw ExitCode(1)
        }
        do {
            let run = try RunBuilder.prepare(configuration, seed: seed, splitsBatches: split)
            if let load { try run.trainer.network.load(stateDict: Safetensors.read(from: load), source: load) }
            if evalOnly {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try writeModel(run.trainer.network, configuration: configuration, evalOnly: true)
                try Safetensors.write(run.trainer.network.stateDict, to: out + "/weights.safetensors")
                try Safetensors.write(ParityTrainingExport.evaluation(of: run.trainer), to: out + "/eval.safetensors")
                print("parity: wrote \(out) (evaluation mode only)")
            } else if steps > 0 {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let export = ParityTrainingExport(run: run, configuration: configuration, steps: steps, directory: out)
                try writeModel(run.trainer.network, configuration: configuration, training: export.description)
                try export.write()
                print("parity: wrote \(out) (\(steps) steps in \(run.trainer.batchParts) part(s))")
            } else {
                try export(run, configuration: configuration)
            }
        } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
    }

    /// A GAN preset: `--steps N` rounds of alternating updates (`AdversarialParityExport`).
    private func exportAdversarial(_ preset: GANPreset) throws {
        guard (1...1_000).contains(steps), !split, !evalOnly, load == nil else {
            printToStandardError("backprop: parity of a GAN needs --steps from 1 to 1000, without --split, --eval-only or --load")
            throw ExitCode(1)
        }
        do {
            var configuration = preset.configuration
            for assignment in settings { try configuration.apply(assignment) }
            let run = try PreparedAdversarialRun(configuration, seed: seed)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try AdversarialParityExport(run: run, steps: steps, directory: out).write()
            print("parity: wrote \(out) (\(steps) GAN rounds of \(configuration.discriminatorSteps) D step(s) and 1 G step)")
        } catch {
            printToStandardError("backprop: \(error)")
            throw ExitCode(1)
        }
    }

    private func export(_ run: PreparedRun, configuration: RunConfiguration) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let network = run.trainer.network
        let train = run.trainer.data.train
        let batch = min(configuration.batchSize, train.count)
        let inputs = Tensor(rows: batch, sampleShape: train.inputShape)
        let targets = Tensor(rows: batch, columns: train.targetWidth)
        train.fillBatch(indices: Array(0..<batch)[...], inputs: inputs.data, targets: targets.data)
        // The weights as the batch met them: a training-mode pass moves batch norm's statistics.
        try Safetensors.write(network.stateDict, to: out + "/weights.safetensors")
        let (outputs, loss) = network.computeGradients(inputs: inputs, targets: targets)

        var result = ["logits": NamedTensor(shape: outputs.shape, values: outputs.values), "loss": NamedTensor(shape: [1], values: [loss])]
        for parameter in network.parameters {
            result["grad." + parameter.name] = NamedTensor(shape: parameter.shape, values: parameter.gradient.values)
        }
        try Safetensors.write(["x": NamedTensor(shape: inputs.shape, values: inputs.values),
                               "y": PyTorchTargets.convert(targets, outputWidth: outputs.columns, loss: configuration.loss, task: train.task)],
                              to: out + "/batch.safetensors")
        try Safetensors.write(result, to: out + "/result.safetensors")
        try writeModel(network, configuration: configuration)
        print("parity: wrote \(out) (\(batch) samples, \(network.parameters.count) parameter tensors, loss \(loss))")
    }

    /// `model.json`: the layers as the checker rebuilds them, the loss, and for training steps how they train.
    private func writeModel(_ network: Network, configuration: RunConfiguration, training: [String: Any]? = nil, evalOnly: Bool = false) throws {
        var model: [String: Any] = ["layers": network.descriptors.map(Self.layerObject), "loss": pytorchLossName(configuration.loss)]
        if let training { model["training"] = training }
        if evalOnly { model["eval_only"] = true }
        try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys, .prettyPrinted])
            .write(to: URL(fileURLWithPath: out + "/model.json"))
    }

    /// One layer of `model.json`: its type, its settings as whole numbers where they are, and
    /// the layers it wraps (a residual block's body) as a list of the same.
    static func layerObject(_ descriptor: LayerDescriptor) -> [String: Any] {
        var object: [String: Any] = ["type": descriptor.type]
        for (key, value) in descriptor.settings { object[key] = value == value.rounded() && abs(value) < 1e9 ? Int(value) as Any : value as Any }
        if let body = descriptor.body { object["body"] = body.map(Self.layerObject) }
        return object
    }

    private func pytorchLossName(_ loss: LossKind) -> String {
        switch loss {
        case .mse: "mse"
        case .crossEntropy: "cross_entropy"
        case .bce: "bce_with_logits"
        case .kl: "kl_div"
        }
    }
}

/// Targets as PyTorch's loss module takes them: class indices for cross-entropy, and the
/// coded values (±1, one-hot, 0/1) our loss used for the others.
enum PyTorchTargets {
    static func convert(_ targets: Tensor, outputWidth width: Int, loss: LossKind, task: TaskKind) -> NamedTensor {
        let rows = targets.rows
        // Cross-entropy takes one class index per prediction (per time step for sequences).
        if loss == .crossEntropy { return NamedTensor(shape: [targets.count], values: targets.values) }
        guard case .classification = task else { return NamedTensor(shape: [rows, targets.columns], values: targets.values) }
        if loss == .bce { return NamedTensor(shape: [rows, 1], values: targets.values) }
        var coded = [Float](repeating: 0, count: rows * width)
        for row in 0..<rows {
            for column in 0..<width { coded[row * width + column] = codedTarget(classIndex: targets[row, 0], column: column, width: width) }
        }
        return NamedTensor(shape: [rows, width], values: coded)
    }
}
