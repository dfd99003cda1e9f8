import BackpropData
import BackpropEngine
import Foundation

/// `backprop parity PRESET --steps N`: the engine's own training path, step by step, for
/// `Tests/parity/check_parity.py` to replay with `torch.optim`, its schedulers, the penalty
/// and `clip_grad_norm_`. It writes, beside `model.json` (whose `training` object holds the
/// optimizer, schedule, penalty and clipping as the trainer has them):
/// - `weights.safetensors`: the state dict before the first step;
/// - `steps.safetensors`: each step's batch (`x.K`, `y.K`) as the trainer drew it, and the
///   learning rate, the scheduled momentum (NaN where none) and the loss (data and penalty);
/// - `weights_after.safetensors`: the state dict after the last step, batch-norm statistics included;
/// - `eval.safetensors`: validation inputs `x` and the trained model's `logits` in evaluation mode.
struct ParityTrainingExport {
    let run: PreparedRun
    let configuration: RunConfiguration
    let steps: Int
    let directory: String

    /// The validation samples evaluated after training.
    static let evaluationSamples = 64

    func write() throws {
        let trainer = run.trainer
        let network = trainer.network
        try Safetensors.write(network.stateDict, to: directory + "/weights.safetensors")
        let train = trainer.data.train
        var stepTensors: [String: NamedTensor] = [:]
        var rates: [Float] = [], momenta: [Float] = [], losses: [Float] = []
        trainer.recordsBatchIndices = true
        for index in 0..<steps {
            rates.append(trainer.currentLearningRate)
            momenta.append(trainer.settings.schedule.momentum(step: trainer.step, totalSteps: trainer.totalSteps) ?? .nan)
            trainer.trainStep()
            if let divergence = trainer.divergence { throw ModelError("parity: \(divergence)") }
            losses.append(trainer.lastBatchLoss)
            let (inputs, targets) = batch(trainer.lastBatchIndices[...], of: train)
            stepTensors["x.\(index)"] = inputs
            stepTensors["y.\(index)"] = targets
            stepTensors["indices.\(index)"] = NamedTensor(shape: [trainer.lastBatchIndices.count], values: trainer.lastBatchIndices.map(Float.init))
        }
        stepTensors["lr"] = NamedTensor(shape: [steps], values: rates)
        stepTensors["momentum"] = NamedTensor(shape: [steps], values: momenta)
        stepTensors["loss"] = NamedTensor(shape: [steps], values: losses)
        try Safetensors.write(stepTensors, to: directory + "/steps.safetensors")
        try Safetensors.write(network.stateDict, to: directory + "/weights_after.safetensors")
        try Safetensors.write(Self.evaluation(of: trainer), to: directory + "/eval.safetensors")
    }

    /// The `training` object of `model.json`: everything PyTorch needs to take the same steps.
    var description: [String: Any] {
        let trainer = run.trainer
        let optimizer = trainer.optimizer.settings
        var training: [String: Any] = [
            "optimizer": optimizer.kind.rawValue, "lr": Double(optimizer.learningRate), "momentum": Double(optimizer.momentum),
            "weight_decay": Double(optimizer.weightDecay), "beta1": Double(optimizer.beta1), "beta2": Double(optimizer.beta2),
            "eps": Double(optimizer.epsilon), "alpha": Double(optimizer.alpha),
            "l1": Double(trainer.settings.penalty.l1), "l2": Double(trainer.settings.penalty.l2),
            "penalized": trainer.network.parameters.filter(\.isWeight).map(\.name),
            "steps": steps, "total_steps": trainer.totalSteps, "batch_parts": trainer.batchParts,
            "schedule": Self.schedule(trainer.settings.schedule),
        ]
        // Transfer: the frozen parameters (requires_grad False in PyTorch) and each parameter's
        // learning-rate multiple (its parameter group's own lr).
        training["frozen"] = trainer.network.parameters.filter(\.isFrozen).map(\.name)
        training["lr_scale"] = Dictionary(uniqueKeysWithValues: trainer.network.parameters.filter { $0.learningRateScale != 1 }
            .map { ($0.name, Double($0.learningRateScale)) })
        if let clip = trainer.settings.clipNorm { training["clip"] = Double(clip) }
        if let source = dataSource { training["data"] = source }
        return training
    }

    /// Where the training data came from, for the checker to read it itself and compare the
    /// engine's batches with its own decoding: Fashion-MNIST's training file (sample K is
    /// image K), or the word list with the vocabulary the windows use. nil for other data.
    var dataSource: [String: Any]? {
        switch configuration.dataset {
        case .fashionMNIST where configuration.autoencoder != nil:
            // Sample K is image K only with every class kept; noise the checker cannot redraw.
            guard configuration.autoencoder?.heldOutClass == nil, configuration.noisePercent == 0 else { return nil }
            return ["kind": "fashion-reconstruction", "images": FashionMNIST.defaultFolder + "/" + FashionMNIST.Part.train.imagesFile]
        // A transfer run's samples are a selection of classes, not the file's image K.
        case .fashionMNIST where configuration.transfer == nil:
            return ["kind": "fashion-mnist", "images": FashionMNIST.defaultFolder + "/" + FashionMNIST.Part.train.imagesFile,
                    "labels": FashionMNIST.defaultFolder + "/" + FashionMNIST.Part.train.labelsFile]
        case .words:
            return ["kind": "words", "path": WordList.path, "vocabulary": run.trainer.data.classNames]
        default:
            return nil
        }
    }

    static func schedule(_ schedule: LearningRateSchedule) -> [String: Any] {
        switch schedule {
        case .constant: ["kind": "constant"]
        case .stepDecay(let every, let gamma): ["kind": "step", "every": every, "gamma": Double(gamma)]
        case .cosine: ["kind": "cosine"]
        case .oneCycle: ["kind": "onecycle"]
        case .warmup(let steps): ["kind": "warmup", "warmup_steps": steps]
        case .warmupCosine(let steps): ["kind": "warmup-cosine", "warmup_steps": steps]
        }
    }

    /// One batch as PyTorch takes it: the inputs, and the targets in its loss's form.
    private func batch(_ indices: ArraySlice<Int>, of dataset: any Dataset) -> (NamedTensor, NamedTensor) {
        let inputs = Tensor(rows: indices.count, sampleShape: dataset.inputShape)
        let targets = Tensor(rows: indices.count, columns: dataset.targetWidth)
        dataset.fillBatch(indices: indices, inputs: inputs.data, targets: targets.data)
        let width = run.trainer.network.outputShape.last ?? 1
        return (NamedTensor(shape: inputs.shape, values: inputs.values),
                PyTorchTargets.convert(targets, outputWidth: width, loss: configuration.loss, task: dataset.task))
    }

    /// The first validation samples and the trained model's outputs for them, in evaluation
    /// mode: batch norm from its running statistics, dropout off.
    static func evaluation(of trainer: Trainer) -> [String: NamedTensor] {
        let validation = trainer.data.validation
        let count = min(evaluationSamples, validation.count)
        let inputs = Tensor(rows: count, sampleShape: validation.inputShape)
        let targets = Tensor(rows: count, columns: validation.targetWidth)
        validation.fillBatch(indices: Array(0..<count)[...], inputs: inputs.data, targets: targets.data)
        let outputs = trainer.predict(inputs.values)
        return ["x": NamedTensor(shape: inputs.shape, values: inputs.values),
                "logits": NamedTensor(shape: [count] + trainer.network.outputShape, values: outputs)]
    }
}
