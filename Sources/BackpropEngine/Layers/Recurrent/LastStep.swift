/// The last time step of a sequence, PyTorch's `x[:, -1, :]`: `[T, features]` → `[features]`,
/// for a model that reads a whole sequence and answers once (the adding problem).
public final class LastStep: Layer {
    private var steps = 1
    private var features = 1
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init() {}

    public var kind: String { "LastStep" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "last_step") }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 2 else { throw ModelError("LastStep needs sequences shaped [steps, features], got \(inputShape)") }
        steps = inputShape[0]
        features = inputShape[1]
        outputs = Tensor(rows: maxBatch, columns: features)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return [features]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        for sample in 0..<x.rows {
            (outputs.data + sample * features).update(from: x.data + (sample * steps + steps - 1) * features, count: features)
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        for sample in 0..<dy.rows {
            (inputGradient.data + (sample * steps + steps - 1) * features).update(from: dy.data + sample * features, count: features)
        }
        return inputGradient
    }
}
