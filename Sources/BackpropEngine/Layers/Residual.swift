/// A skip connection around a sequence of layers (ResNet's residual block): `y = x + f(x)`,
/// where `f` is the body, which must give back samples shaped like its input.
///
/// The derivative of `x + f(x)` is `I + f′(x)`, so the backward pass returns
/// `dX = dY + f′(x)ᵀ · dY`: the output gradient reaches the input unchanged along the skip,
/// and the body's gradient is added to it. However small the body's Jacobian gets, the
/// gradient of the layers before the block does not shrink with it: that is why a deep stack
/// of these trains where the same stack without skips starves its first layers.
///
/// Saved as PyTorch would name a module holding `self.body = nn.Sequential(...)`:
/// `"3.body.0.weight"` for the first layer of the body of the network's fourth layer.
public final class Residual: LayerContainer {
    public let body: [any Layer]

    private var output = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(_ body: [any Layer]) {
        self.body = body
    }

    public var kind: String { "Residual" }
    public var sublayers: [any Layer] { body }
    public var parameters: [Parameter] { body.flatMap(\.parameters) }
    public var stateBuffers: [Parameter] { body.flatMap(\.stateBuffers) }
    public var reusesWeightsWithinSample: Bool { body.contains(where: \.reusesWeightsWithinSample) }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "residual", body: body.map(\.descriptor))
    }

    public func nameParameters(index: Int) { name(prefix: "\(index).body.") }

    /// Names the body's tensors under `prefix`, each layer as `nn.Sequential` numbers it.
    func name(prefix: String) {
        for (position, layer) in body.enumerated() {
            layer.nameParameters(index: position)
            for tensor in layer.parameters + layer.stateBuffers { tensor.name = prefix + tensor.name }
        }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        var shape = inputShape
        for layer in body { shape = try layer.prepare(maxBatch: maxBatch, inputShape: shape) }
        guard shape == inputShape else {
            throw ModelError("a residual block must keep its input's shape to add it back: \(inputShape) becomes \(shape)")
        }
        output = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var branch = input
        for layer in body { branch = layer.forward(branch, training: training) }
        output.setRows(input.rows)
        for i in 0..<input.count { output[i] = input[i] + branch[i] }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        var gradient: Tensor? = outputGradient
        for index in body.indices.reversed() {
            guard let current = gradient else { break }
            // The body's first layer owes no input gradient when nothing before the block needs one.
            gradient = body[index].backward(current, needsInputGradient: index > 0 || needsInputGradient)
        }
        guard needsInputGradient, let branchGradient = gradient else { return nil }
        inputGradient.setRows(outputGradient.rows)
        for i in 0..<outputGradient.count { inputGradient[i] = outputGradient[i] + branchGradient[i] }
        return inputGradient
    }
}
