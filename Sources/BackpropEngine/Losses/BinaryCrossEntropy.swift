/// Binary cross-entropy on logits, fused as PyTorch's `nn.BCEWithLogitsLoss()`:
/// `mean(max(z, 0) − z·t + log(1 + e^−|z|))`, gradient `(σ(z) − t) / n`.
///
/// Taking logits rather than probabilities avoids `log(0)` when the sigmoid saturates.
public struct BinaryCrossEntropy: Loss {
    public let task: TaskKind

    public init(task: TaskKind) { self.task = task }
    public var name: String { "bce" }

    public func evaluate(outputs: Tensor, targets: Tensor, gradient: Tensor?) -> Float {
        let width = outputs.columns
        let total = outputs.count
        guard total > 0 else { return 0 }
        gradient?.setRows(outputs.rows)
        let inverseCount = 1 / Float(total)
        var sum: Double = 0
        for row in 0..<outputs.rows {
            for column in 0..<width {
                let index = row * width + column
                let z = outputs.data[index]
                let t = targets.data[row * targets.columns + (targets.columns == width ? column : 0)]
                sum += Double(max(z, 0) - z * t + log1pf(expf(-abs(z))))
                gradient?.data[index] = (logistic(z) - t) * inverseCount
            }
        }
        return Float(sum / Double(total))
    }
}
