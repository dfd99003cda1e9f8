/// A pre-norm transformer block: `x + attention(norm1(x))`, then `+ linear2(GELU(linear1(norm2(·))))`
/// with a feed-forward width of 4·d. Its parameters are named as PyTorch's
/// `nn.TransformerEncoderLayer(norm_first=True, batch_first=True)` names them: `norm1`,
/// `self_attn`, `norm2`, `linear1`, `linear2`, so a saved block loads into that stock module.
public final class TransformerBlock: SelfInitializingLayer {
    public let modelWidth: Int
    public let norm1: LayerNorm
    public let attention: MultiHeadAttention
    public let norm2: LayerNorm
    public let linear1: Dense
    public let activation = Activation(.gelu)
    public let linear2: Dense
    private var middle = Tensor(rows: 0, columns: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var middleGradient = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(modelWidth: Int, heads: Int, causal: Bool) {
        self.modelWidth = modelWidth
        norm1 = LayerNorm(features: modelWidth)
        attention = MultiHeadAttention(modelWidth: modelWidth, heads: heads, causal: causal)
        norm2 = LayerNorm(features: modelWidth)
        linear1 = Dense(inputSize: modelWidth, outputSize: 4 * modelWidth)
        linear2 = Dense(inputSize: 4 * modelWidth, outputSize: modelWidth)
    }

    public var kind: String { "TransformerBlock" }
    public var reusesWeightsWithinSample: Bool { true }
    private var sublayers: [any Layer] { [norm1, attention, norm2, linear1, activation, linear2] }
    public var parameters: [Parameter] { sublayers.flatMap(\.parameters) }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "transformer_block", settings: ["d": Double(modelWidth), "heads": Double(attention.heads),
                                                             "causal": attention.causal ? 1 : 0])
    }

    public func nameParameters(index: Int) {
        norm1.name(prefix: "\(index).norm1.")
        attention.name(prefix: "\(index).self_attn.")
        norm2.name(prefix: "\(index).norm2.")
        linear1.name(prefix: "\(index).linear1.")
        linear2.name(prefix: "\(index).linear2.")
    }

    /// Each part as PyTorch starts it: the attention's own scheme, `nn.Linear`'s for the feed-forward.
    public func initialize(random: inout RandomGenerator) {
        attention.initialize(random: &random)
        for linear in [linear1, linear2] {
            Initializer.pytorch.initialize(weight: linear.weight.value, bias: linear.bias?.value,
                                           fanIn: linear.fanIn, fanOut: linear.fanOut, random: &random)
        }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        var shape = inputShape
        for layer in sublayers { shape = try layer.prepare(maxBatch: maxBatch, inputShape: shape) }
        guard shape == inputShape else { throw ModelError("transformer block changes \(inputShape) into \(shape)") }
        middle = Tensor(rows: maxBatch, sampleShape: inputShape)
        outputs = Tensor(rows: maxBatch, sampleShape: inputShape)
        middleGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        middle.setRows(x.rows)
        outputs.setRows(x.rows)
        let attended = attention.forward(norm1.forward(x, training: training), training: training)
        for i in 0..<x.count { middle[i] = x[i] + attended[i] }
        let fed = linear2.forward(activation.forward(linear1.forward(norm2.forward(middle, training: training), training: training),
                                                    training: training), training: training)
        for i in 0..<x.count { outputs[i] = middle[i] + fed[i] }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        // Each residual passes the gradient straight through and adds its branch's.
        var gradient = linear2.backward(dy, needsInputGradient: true)!
        gradient = activation.backward(gradient, needsInputGradient: true)!
        gradient = linear1.backward(gradient, needsInputGradient: true)!
        gradient = norm2.backward(gradient, needsInputGradient: true)!
        middleGradient.setRows(dy.rows)
        for i in 0..<dy.count { middleGradient[i] = dy[i] + gradient[i] }
        gradient = attention.backward(middleGradient, needsInputGradient: true)!
        gradient = norm1.backward(gradient, needsInputGradient: true)!
        inputGradient.setRows(dy.rows)
        for i in 0..<dy.count { inputGradient[i] = middleGradient[i] + gradient[i] }
        return needsInputGradient ? inputGradient : nil
    }
}
