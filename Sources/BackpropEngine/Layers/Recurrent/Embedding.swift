/// A lookup table of learned vectors, PyTorch's `nn.Embedding(vocabulary, dimension)`:
/// token ids `[T]` (stored as whole floats) become vectors `[T, dimension]`.
/// Backward adds each position's gradient onto its token's row; token ids get no gradient.
public final class Embedding: SelfInitializingLayer {
    public let vocabularySize: Int
    public let dimension: Int
    public let weight: Parameter
    private var outputs = Tensor(rows: 0, columns: 1)
    private var lastInput: Tensor?

    public init(vocabularySize: Int, dimension: Int) {
        self.vocabularySize = vocabularySize
        self.dimension = dimension
        weight = Parameter(name: "weight", shape: [vocabularySize, dimension], isWeight: true)
    }

    public var kind: String { "Embedding" }
    public var parameters: [Parameter] { [weight] }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "embedding", settings: ["vocabulary": Double(vocabularySize), "dimension": Double(dimension)])
    }

    public func nameParameters(index: Int) { weight.name = "\(index).weight" }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        let steps = inputShape.reduce(1, *)
        outputs = Tensor(rows: maxBatch, sampleShape: [steps, dimension])
        return [steps, dimension]
    }

    /// Fills the table from N(0, 1), PyTorch's default for `nn.Embedding`.
    public func initialize(random: inout RandomGenerator) {
        for i in 0..<weight.count { weight.value[i] = Float(random.normal()) }
    }

    public func forward(_ tokens: Tensor, training: Bool) -> Tensor {
        lastInput = tokens
        outputs.setRows(tokens.rows)
        for position in 0..<tokens.count {
            let token = min(max(Int(tokens.data[position]), 0), vocabularySize - 1)
            (outputs.data + position * dimension).update(from: weight.value.data + token * dimension, count: dimension)
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let tokens = lastInput else { return nil }
        weight.gradient.zero()
        for position in 0..<tokens.count {
            let token = min(max(Int(tokens.data[position]), 0), vocabularySize - 1)
            let row = weight.gradient.data + token * dimension, gradient = dy.data + position * dimension
            for j in 0..<dimension { row[j] += gradient[j] }
        }
        return nil
    }
}
