/// A training objective over a batch: the mean loss, and its gradient with respect to the
/// network's outputs (logits, for the fused losses).
public protocol Loss: Sendable {
    /// The name used on the command line and in model.json.
    var name: String { get }
    /// Returns the mean loss over the batch; when `gradient` is given, writes
    /// d(mean loss)/d(outputs) into it (same shape as `outputs`).
    func evaluate(outputs: Tensor, targets: Tensor, gradient: Tensor?) -> Float
}

/// The losses the engine offers.
public enum LossKind: String, CaseIterable, Sendable, Codable {
    case mse
    case crossEntropy = "cross_entropy"
    case bce
    case kl

    /// Builds the loss for a task; class-index targets are converted where the loss needs
    /// another encoding (±1 for MSE on one output, one-hot for MSE and KL on several).
    public func make(for task: TaskKind) -> any Loss {
        switch self {
        case .mse: MeanSquaredError(task: task)
        case .crossEntropy: SoftmaxCrossEntropy()
        case .bce: BinaryCrossEntropy(task: task)
        case .kl: KLDivergence(task: task)
        }
    }

    /// Network outputs this loss needs for a task, or an explanation why it does not fit.
    public func outputWidth(for task: TaskKind) -> Result<Int, ModelError> {
        switch (self, task) {
        case (.crossEntropy, .classification(let classes)), (.kl, .classification(let classes)):
            return .success(classes)
        case (.crossEntropy, .regression), (.kl, .regression):
            return .failure(ModelError("loss \(rawValue) needs a classification dataset"))
        case (.bce, .classification(2)):
            return .success(1)
        case (.bce, _):
            return .failure(ModelError("loss bce needs a two-class dataset"))
        case (.mse, .classification(2)):
            return .success(1)
        case (.mse, .classification(let classes)):
            return .success(classes)
        case (.mse, .regression(let outputs)):
            return .success(outputs)
        }
    }
}

/// Counts predictions that match their class-index targets: argmax over the last dimension,
/// or the sign of a single output (a logit, or a ±1-coded tanh output). Sequence outputs
/// `[T, classes]` count each step.
public func countCorrect(outputs: Tensor, targets: Tensor) -> Int {
    let width = outputs.sampleShape.last!
    let rows = outputs.count / width
    let targetStride = max(targets.count / max(rows, 1), 1)
    var correct = 0
    for row in 0..<rows {
        let output = outputs.data + row * width
        let label = Int(targets.data[row * targetStride])
        let predicted: Int
        if width == 1 {
            predicted = output[0] > 0 ? 1 : 0
        } else {
            var best = 0
            for j in 1..<width where output[j] > output[best] { best = j }
            predicted = best
        }
        if predicted == label { correct += 1 }
    }
    return correct
}

/// Counts samples whose every prediction is right: whole sequences reversed or sorted
/// correctly, where per-step accuracy would credit a sequence with one wrong digit.
public func countCorrectSequences(outputs: Tensor, targets: Tensor) -> Int {
    let width = outputs.sampleShape.last!
    let steps = outputs.sampleSize / width
    var correct = 0
    for sample in 0..<outputs.rows {
        var allRight = true
        for step in 0..<steps where allRight {
            let output = outputs.data + (sample * steps + step) * width
            var best = 0
            for j in 1..<width where output[j] > output[best] { best = j }
            allRight = best == Int(targets.data[sample * steps + step])
        }
        if allRight { correct += 1 }
    }
    return correct
}

/// The value a class-index target takes under a loss that wants ±1 or one-hot coding.
@inline(__always)
public func codedTarget(classIndex: Float, column: Int, width: Int) -> Float {
    if width == 1 { return classIndex > 0.5 ? 1 : -1 }
    return Int(classIndex) == column ? 1 : 0
}
