import BackpropEngine

/// The adding problem (Hochreiter & Schmidhuber, 1997): each step carries a random value in
/// [0, 1) and a marker; exactly two steps are marked, one in each half of the sequence, and
/// the target is the sum of their values. A model must remember the first marked value for up
/// to `length` steps; always answering 1 scores a mean squared error of about 0.167.
public enum AddingProblem {
    /// `count` sequences of `length` steps, inputs `[length, 2]` (value, marker), targets `[1]`.
    public static func make(count: Int, length: Int, random: inout RandomGenerator) -> TensorDataset {
        precondition(length >= 2, "the adding problem needs at least two steps")
        var inputs = [Float](repeating: 0, count: count * length * 2)
        var targets = [Float](repeating: 0, count: count)
        let half = length / 2
        for sample in 0..<count {
            let base = sample * length * 2
            for step in 0..<length { inputs[base + step * 2] = Float(random.uniform()) }
            let first = random.index(below: half)
            let second = half + random.index(below: length - half)
            inputs[base + first * 2 + 1] = 1
            inputs[base + second * 2 + 1] = 1
            targets[sample] = inputs[base + first * 2] + inputs[base + second * 2]
        }
        return TensorDataset(inputs: inputs, targets: targets, inputShape: [length, 2], task: .regression(outputs: 1))
    }
}
