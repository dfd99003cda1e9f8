/// Inverted dropout, PyTorch's `nn.Dropout(p)`: in training each value is zeroed with
/// probability `p` and the survivors are scaled by `1/(1−p)`; in evaluation it is the identity.
public final class Dropout: Layer {
    public var probability: Float
    /// Internal for `TrainerCheckpoint`: a branch must draw the same masks the run would have.
    var random: RandomGenerator
    private var output = Tensor(rows: 0, columns: 1)
    private var mask = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var maskActive = false

    public init(probability: Float, seed: UInt64) {
        self.probability = probability
        random = RandomGenerator(seed: seed)
    }

    public var kind: String { "Dropout" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "dropout", settings: ["p": Double(probability)]) }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        output = Tensor(rows: maxBatch, sampleShape: inputShape)
        mask = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        maskActive = training && probability > 0
        guard maskActive else { return input }
        output.setRows(input.rows)
        mask.setRows(input.rows)
        let keep = 1 - Double(probability)
        let scale = probability < 1 ? 1 / Float(keep) : 0
        let x = input.data, y = output.data, m = mask.data
        for i in 0..<input.count {
            m[i] = random.uniform() < keep ? scale : 0
            y[i] = x[i] * m[i]
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        guard maskActive else { return outputGradient }
        inputGradient.setRows(outputGradient.rows)
        let dy = outputGradient.data, dx = inputGradient.data, m = mask.data
        for i in 0..<outputGradient.count { dx[i] = dy[i] * m[i] }
        return inputGradient
    }
}
