/// Flattens each sample to a vector, PyTorch's `nn.Flatten()`: the values keep their
/// order, only the shape changes (a copy, so each layer owns its buffers).
public final class Flatten: Layer {
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init() {}

    public var kind: String { "Flatten" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "flatten") }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        let size = inputShape.reduce(1, *)
        outputs = Tensor(rows: maxBatch, columns: size)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return [size]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        outputs.data.update(from: x.data, count: x.count)
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.data.update(from: dy.data, count: dy.count)
        return inputGradient
    }
}
