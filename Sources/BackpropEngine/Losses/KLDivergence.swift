/// Kullback–Leibler divergence from the target distribution to softmax(logits), as
/// PyTorch's `nn.KLDivLoss(reduction="batchmean")` applied to `log_softmax(z)`:
/// `Σ t·(log t − log_softmax(z)) / batch`, with `0·log 0 = 0`.
///
/// Targets are distributions (one row per sample); class indices become one-hot rows,
/// for which the value equals the cross-entropy.
public struct KLDivergence: Loss {
    public let task: TaskKind

    public init(task: TaskKind) { self.task = task }
    public var name: String { "kl" }

    public func evaluate(outputs: Tensor, targets: Tensor, gradient: Tensor?) -> Float {
        let width = outputs.columns
        let rows = outputs.rows
        guard rows > 0 else { return 0 }
        gradient?.setRows(rows)
        let inverseBatch = 1 / Float(rows)
        let distributionTargets = targets.columns == width && width > 1
        var sum: Double = 0
        for row in 0..<rows {
            let logits = outputs.data + row * width
            var maximum = logits[0]
            for j in 1..<width where logits[j] > maximum { maximum = logits[j] }
            var sumOfExponentials: Float = 0
            for j in 0..<width { sumOfExponentials += expf(logits[j] - maximum) }
            let logSumExp = maximum + logf(sumOfExponentials)
            var targetMass: Float = 0
            for j in 0..<width {
                let t = distributionTargets
                    ? targets.data[row * width + j]
                    : codedTarget(classIndex: targets.data[row * targets.columns], column: j, width: width)
                targetMass += t
                if t > 0 { sum += Double(t * (logf(t) - (logits[j] - logSumExp))) }
            }
            if let gradient {
                let g = gradient.data + row * width
                for j in 0..<width {
                    let t = distributionTargets
                        ? targets.data[row * width + j]
                        : codedTarget(classIndex: targets.data[row * targets.columns], column: j, width: width)
                    g[j] = (expf(logits[j] - logSumExp) * targetMass - t) * inverseBatch
                }
            }
        }
        return Float(sum / Double(rows))
    }
}
