import BackpropEngine

/// Sequences of random digits whose target is the same digits reversed (or sorted): a task
/// attention solves by looking at one other position per step, which makes its attention map
/// a readable anti-diagonal.
public enum ReversalTask: String, CaseIterable, Sendable {
    case reverse, sort

    public static let digits = 10

    /// `count` sequences of `length` digits: inputs `[length]`, targets `[length]` (token ids as floats).
    public func make(count: Int, length: Int, random: inout RandomGenerator) -> TensorDataset {
        var inputs: [Float] = [], targets: [Float] = []
        inputs.reserveCapacity(count * length)
        targets.reserveCapacity(count * length)
        for _ in 0..<count {
            let sequence = (0..<length).map { _ in random.index(below: Self.digits) }
            inputs.append(contentsOf: sequence.map(Float.init))
            let target = self == .reverse ? Array(sequence.reversed()) : sequence.sorted()
            targets.append(contentsOf: target.map(Float.init))
        }
        return TensorDataset(inputs: inputs, targets: targets, inputShape: [length],
                             task: .classification(classes: Self.digits), targetWidth: length)
    }
}
