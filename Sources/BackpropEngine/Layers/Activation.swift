/// An element-wise activation layer (ReLU, Tanh, ...), forward and backward side by side.
public final class Activation: Layer {
    public let function: ActivationFunction
    private var output = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var lastInput: Tensor?

    public init(_ function: ActivationFunction) {
        self.function = function
    }

    public var kind: String { function.moduleName }
    public var descriptor: LayerDescriptor {
        switch function {
        case .leakyRelu: LayerDescriptor(type: "leaky_relu", settings: ["negative_slope": Double(ActivationFunction.leakySlope)])
        case .elu: LayerDescriptor(type: "elu", settings: ["alpha": Double(ActivationFunction.eluAlpha)])
        case .linear: LayerDescriptor(type: "identity")
        default: LayerDescriptor(type: function.rawValue)
        }
    }

    /// The last forward pass's outputs (for the probes).
    public var lastOutput: Tensor { output }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        output = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        lastInput = input
        output.setRows(input.rows)
        function.apply(input.data, output.data, count: input.count)
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient, let input = lastInput else { return nil }
        inputGradient.setRows(outputGradient.rows)
        function.backward(input: input.data, output: output.data, outputGradient: outputGradient.data,
                          inputGradient: inputGradient.data, count: outputGradient.count)
        return inputGradient
    }
}
