/// Mean squared error over every output, PyTorch's `nn.MSELoss()`: `mean((o − t)²)`.
///
/// On a two-class dataset with one output the classes are coded −1 and +1 (the
/// Playground's convention, for a tanh output); with several outputs, one-hot.
public struct MeanSquaredError: Loss {
    public let task: TaskKind

    public init(task: TaskKind) { self.task = task }
    public var name: String { "mse" }

    public func evaluate(outputs: Tensor, targets: Tensor, gradient: Tensor?) -> Float {
        let width = outputs.columns
        let total = outputs.count
        guard total > 0 else { return 0 }
        let scale = 2 / Float(total)
        var sum: Double = 0
        gradient?.setRows(outputs.rows)
        for row in 0..<outputs.rows {
            for column in 0..<width {
                let index = row * width + column
                let target = target(row: row, column: column, width: width, targets: targets)
                let difference = outputs.data[index] - target
                sum += Double(difference * difference)
                gradient?.data[index] = scale * difference
            }
        }
        return Float(sum / Double(total))
    }

    @inline(__always)
    private func target(row: Int, column: Int, width: Int, targets: Tensor) -> Float {
        if case .classification = task {
            return codedTarget(classIndex: targets.data[row * targets.columns], column: column, width: width)
        }
        return targets.data[row * targets.columns + column]
    }
}
