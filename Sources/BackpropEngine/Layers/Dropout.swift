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
    private var sampleSize = 0
    /// A split batch's masks, drawn by the main network's layer for the whole batch in the
    /// order one pass would draw them (`drawWholeBatchMasks`), so that dropout does not
    /// depend on how the batch was split. Allocated by `prepareWholeBatchMasks`.
    private var wholeBatchMask = Tensor(rows: 0, columns: 1)
    /// Where this part's masks come from while a split batch runs: a main layer's
    /// `wholeBatchMask` and the row this part starts at.
    private var masksAhead: (source: Tensor, firstRow: Int)?

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
        sampleSize = inputShape.reduce(1, *)
        return inputShape
    }

    // MARK: A batch split across cores (`BatchShards`)

    /// Makes room for the masks of batches of up to `maxBatch` rows (main network only).
    func prepareWholeBatchMasks(maxBatch: Int) {
        wholeBatchMask = Tensor(rows: maxBatch, columns: sampleSize)
    }

    /// Draws the masks of a whole batch of `rows` rows, as `forward` would over that batch
    /// (which draws nothing at probability 0).
    func drawWholeBatchMasks(rows: Int) {
        guard probability > 0 else { return }
        wholeBatchMask.setRows(rows)
        let keep = 1 - Double(probability)
        let scale = probability < 1 ? 1 / Float(keep) : 0
        let m = wholeBatchMask.data
        for i in 0..<wholeBatchMask.count { m[i] = random.uniform() < keep ? scale : 0 }
    }

    /// Makes the next training passes take their masks from `main`'s whole-batch masks,
    /// from `firstRow` on, until `stopUsingMasksAhead`.
    func useMasks(of main: Dropout, firstRow: Int) { masksAhead = (main.wholeBatchMask, firstRow) }

    func stopUsingMasksAhead() { masksAhead = nil }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        maskActive = training && probability > 0
        guard maskActive else { return input }
        output.setRows(input.rows)
        mask.setRows(input.rows)
        let keep = 1 - Double(probability)
        let scale = probability < 1 ? 1 / Float(keep) : 0
        let x = input.data, y = output.data, m = mask.data
        if let (source, firstRow) = masksAhead {
            m.update(from: source.data + firstRow * sampleSize, count: input.count)
            for i in 0..<input.count { y[i] = x[i] * m[i] }
            return output
        }
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
