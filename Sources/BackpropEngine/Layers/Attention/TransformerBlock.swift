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
    /// `x + attention(norm1(x))` and `· + linear2(GELU(linear1(norm2(·))))`: two skips, each a
    /// `Residual` around its sublayers, which the block names itself as PyTorch's layer does.
    private let attentionPath: Residual
    private let feedForwardPath: Residual

    public init(modelWidth: Int, heads: Int, causal: Bool) {
        self.modelWidth = modelWidth
        norm1 = LayerNorm(features: modelWidth)
        attention = MultiHeadAttention(modelWidth: modelWidth, heads: heads, causal: causal)
        norm2 = LayerNorm(features: modelWidth)
        linear1 = Dense(inputSize: modelWidth, outputSize: 4 * modelWidth)
        linear2 = Dense(inputSize: 4 * modelWidth, outputSize: modelWidth)
        attentionPath = Residual([norm1, attention])
        feedForwardPath = Residual([norm2, linear1, activation, linear2])
    }

    public var kind: String { "TransformerBlock" }
    public var reusesWeightsWithinSample: Bool { true }
    public var parameters: [Parameter] { attentionPath.parameters + feedForwardPath.parameters }
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
        let shape = try feedForwardPath.prepare(maxBatch: maxBatch, inputShape: attentionPath.prepare(maxBatch: maxBatch, inputShape: inputShape))
        guard shape == inputShape else { throw ModelError("transformer block changes \(inputShape) into \(shape)") }
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        feedForwardPath.forward(attentionPath.forward(x, training: training), training: training)
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        attentionPath.backward(feedForwardPath.backward(dy, needsInputGradient: true)!, needsInputGradient: needsInputGradient)
    }
}
