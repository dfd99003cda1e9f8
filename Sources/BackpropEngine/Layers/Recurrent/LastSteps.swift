/// The last `count` time steps of a sequence, PyTorch's `x[:, -count:, :]`: `[T, features]` →
/// `[count, features]`, for a model that reads a sequence and then answers over several
/// steps (the copy task's recall). Earlier steps get a zero gradient.
public final class LastSteps: Layer {
    public let count: Int
    private var steps = 1
    private var features = 1
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(count: Int) { self.count = count }

    public var kind: String { "LastSteps" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "last_steps", settings: ["count": Double(count)]) }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 2, inputShape[0] >= count, count >= 1 else {
            throw ModelError("LastSteps(\(count)) needs sequences of at least \(count) steps shaped [steps, features], got \(inputShape)")
        }
        steps = inputShape[0]
        features = inputShape[1]
        outputs = Tensor(rows: maxBatch, sampleShape: [count, features])
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return [count, features]
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
