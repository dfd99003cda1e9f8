import ArgumentParser
import BackpropEngine
import Foundation

/// `backprop parity PRESET --out DIR`: writes one batch, the weights, and our logits, loss and
/// gradients, so `Tests/parity/check_parity.py` can recompute them with PyTorch.
struct ParityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parity", abstract: "Export a model, a batch and its gradients for the PyTorch parity check.",
        shouldDisplay: false)

    @Argument var preset: String
    @Option(name: .customLong("set"), help: ArgumentHelp(valueName: "key=value")) var settings: [String] = []
    @Option var seed: UInt64 = 1
    @Option(help: ArgumentHelp(valueName: "DIR")) var out: String

    func run() throws {
        var configuration = try BackpropApp.configuration(preset: preset, settings: settings)
        // PyTorch's modules compute the data loss only; dropout would draw different masks.
        configuration.l1 = 0
        configuration.l2 = 0
        configuration.dropout = 0
        do {
            try export(RunBuilder.prepare(configuration, seed: seed), configuration: configuration)
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
        let (outputs, loss) = network.computeGradients(inputs: inputs, targets: targets)

        var result = ["logits": NamedTensor(shape: outputs.shape, values: outputs.values), "loss": NamedTensor(shape: [1], values: [loss])]
        for parameter in network.parameters {
            result["grad." + parameter.name] = NamedTensor(shape: parameter.shape, values: parameter.gradient.values)
        }
        try Safetensors.write(network.stateDict, to: out + "/weights.safetensors")
        try Safetensors.write(["x": NamedTensor(shape: inputs.shape, values: inputs.values),
                               "y": pytorchTargets(targets, outputs: outputs, loss: configuration.loss, task: train.task)],
                              to: out + "/batch.safetensors")
        try Safetensors.write(result, to: out + "/result.safetensors")
        let layers: [[String: Any]] = network.descriptors.map { descriptor in
            var object: [String: Any] = ["type": descriptor.type]
            for (key, value) in descriptor.settings { object[key] = value == value.rounded() && abs(value) < 1e9 ? Int(value) as Any : value as Any }
            return object
        }
        let model: [String: Any] = ["layers": layers, "loss": pytorchLossName(configuration.loss)]
        try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys, .prettyPrinted])
            .write(to: URL(fileURLWithPath: out + "/model.json"))
        print("parity: wrote \(out) (\(batch) samples, \(network.parameters.count) parameter tensors, loss \(loss))")
    }

    private func pytorchLossName(_ loss: LossKind) -> String {
        switch loss {
        case .mse: "mse"
        case .crossEntropy: "cross_entropy"
        case .bce: "bce_with_logits"
        case .kl: "kl_div"
        }
    }

    /// Targets as PyTorch's loss module takes them: class indices for cross-entropy, and the
    /// coded values (±1, one-hot, 0/1) our loss used for the others.
    private func pytorchTargets(_ targets: Tensor, outputs: Tensor, loss: LossKind, task: TaskKind) -> NamedTensor {
        let rows = targets.rows, width = outputs.columns
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
