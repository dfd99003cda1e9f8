/// Softmax followed by negative log-likelihood, fused as PyTorch's `nn.CrossEntropyLoss()`:
/// `mean(logsumexp(z) − z[y])`, gradient `(softmax(z) − onehot(y)) / batch`.
///
/// Computing it from logits keeps it stable for any logit size, and its gradient never
/// vanishes on a confident wrong answer. The classes are the last dimension: outputs
/// `[T, classes]` with targets `[T]` score every time step, as PyTorch does on `[B·T, classes]`.
public struct SoftmaxCrossEntropy: Loss {
    public init() {}
    public var name: String { "cross_entropy" }

    public func evaluate(outputs: Tensor, targets: Tensor, gradient: Tensor?) -> Float {
        let width = outputs.sampleShape.last!
        let rows = outputs.count / width
        guard rows > 0 else { return 0 }
        gradient?.setRows(outputs.rows)
        let targetStride = targets.count / rows
        let inverseBatch = 1 / Float(rows)
        var sum: Double = 0
        withUnsafeTemporaryAllocation(of: Float.self, capacity: width) { scratch in
            for row in 0..<rows {
                let logits = outputs.data + row * width
                let label = Int(targets.data[row * targetStride])
                // e^(z − max) once per logit, kept for the gradient (or in scratch without one).
                let exponentials = gradient.map { $0.data + row * width } ?? scratch.baseAddress!
                let maximum = largest(logits, count: width)
                let sumOfExponentials = shiftedExponentials(logits, count: width, maximum: maximum, into: exponentials)
                let logSumExp = maximum + logf(sumOfExponentials)
                sum += Double(logSumExp - logits[label])
                guard gradient != nil else { continue }
                let scale = inverseBatch / sumOfExponentials
                for j in 0..<width { exponentials[j] *= scale }
                exponentials[label] -= inverseBatch
            }
        }
        return Float(sum / Double(rows))
    }
}
