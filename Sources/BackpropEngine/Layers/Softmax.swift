/// Softmax over each sample's features, PyTorch's `nn.Softmax(dim=1)`.
///
/// Backward applies the Jacobian without forming it: `dx = y ⊙ (dy − Σ dy·y)`.
/// For classification prefer the fused softmax cross-entropy loss on logits.
public final class Softmax: Layer {
    private var output = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init() {}

    public var kind: String { "Softmax" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "softmax") }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        output = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        output.setRows(input.rows)
        let width = input.columns
        for row in 0..<input.rows {
            softmaxRow(input.data + row * width, into: output.data + row * width, count: width)
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(outputGradient.rows)
        let width = outputGradient.columns
        for row in 0..<outputGradient.rows {
            let y = output.data + row * width, dy = outputGradient.data + row * width
            let dx = inputGradient.data + row * width
            var dot: Float = 0
            for j in 0..<width { dot += dy[j] * y[j] }
            for j in 0..<width { dx[j] = y[j] * (dy[j] - dot) }
        }
        return inputGradient
    }
}

/// Numerically stable softmax of one row: subtract the maximum before exponentiating.
@inline(__always)
func softmaxRow(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    var maximum = x[0]
    for j in 1..<count where x[j] > maximum { maximum = x[j] }
    var sum: Float = 0
    for j in 0..<count {
        y[j] = expf(x[j] - maximum)
        sum += y[j]
    }
    let inverse = 1 / sum
    for j in 0..<count { y[j] *= inverse }
}
