/// The last `count` time steps of a sequence, PyTorch's `x[:, -count:, :]`: `[T, features]` →
/// `[count, features]`, for a model that reads a sequence and then answers over several
/// steps (the copy task's recall); or, made by `lastStep()`, the last step alone,
/// `x[:, -1, :]`: `[T, features]` → `[features]`, for a model that answers once (the adding
/// problem). Earlier steps get a zero gradient.
public final class LastSteps: Layer {
    public let count: Int
    /// False for `lastStep()`, whose output drops the step axis.
    public let keepsStepAxis: Bool
    private var steps = 1
    private var features = 1
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(count: Int) {
        self.count = count
        keepsStepAxis = true
    }

    private init(lastStepOnly: ()) {
        count = 1
        keepsStepAxis = false
    }

    /// `x[:, -1, :]`, the module `LastStep` in model.json and the parity check.
    public static func lastStep() -> LastSteps { LastSteps(lastStepOnly: ()) }

    public var kind: String { keepsStepAxis ? "LastSteps" : "LastStep" }
    public var descriptor: LayerDescriptor {
        keepsStepAxis ? LayerDescriptor(type: "last_steps", settings: ["count": Double(count)]) : LayerDescriptor(type: "last_step")
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 2, inputShape[0] >= count, count >= 1 else {
            let name = keepsStepAxis ? "LastSteps(\(count))" : "LastStep"
            throw ModelError("\(name) needs sequences of at least \(count) step\(count == 1 ? "" : "s") shaped [steps, features], got \(inputShape)")
        }
        steps = inputShape[0]
        features = inputShape[1]
        let shape = keepsStepAxis ? [count, features] : [features]
        outputs = Tensor(rows: maxBatch, sampleShape: shape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return shape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        for sample in 0..<x.rows {
            (outputs.data + sample * count * features).update(from: x.data + (sample * steps + steps - count) * features,
                                                               count: count * features)
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        for sample in 0..<dy.rows {
            (inputGradient.data + (sample * steps + steps - count) * features).update(from: dy.data + sample * count * features,
                                                                                      count: count * features)
        }
        return inputGradient
    }
}
