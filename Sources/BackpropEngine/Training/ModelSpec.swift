/// A multi-layer perceptron described by its sizes: the architecture knobs of the
/// Playground and the MLP presets. `build` turns it into a `Network`.
public struct MLPSpec: Equatable, Sendable {
    public var inputSize: Int
    public var hidden: [Int]
    public var outputSize: Int
    public var activation: ActivationFunction
    /// Applied to the output (e.g. tanh for the Playground's ±1 regression), or nil for logits.
    public var outputActivation: ActivationFunction?
    /// Dropout probability after each hidden activation (0 = no dropout layers).
    public var dropout: Float
    /// Batch normalization between each hidden Linear and its activation.
    public var batchNorm: Bool

    public init(inputSize: Int, hidden: [Int], outputSize: Int, activation: ActivationFunction,
                outputActivation: ActivationFunction? = nil, dropout: Float = 0, batchNorm: Bool = false) {
        self.inputSize = inputSize
        self.hidden = hidden
        self.outputSize = outputSize
        self.activation = activation
        self.outputActivation = outputActivation
        self.dropout = dropout
        self.batchNorm = batchNorm
    }

    /// The layers in `nn.Sequential` order: Linear, [BatchNorm1d], activation, [Dropout], …,
    /// Linear, [output activation].
    public func makeLayers(seed: UInt64) -> [any Layer] {
        var layers: [any Layer] = []
        var width = inputSize
        for (index, size) in hidden.enumerated() {
            layers.append(Dense(inputSize: width, outputSize: size))
            if batchNorm { layers.append(BatchNorm(channels: size, layout: .features)) }
            layers.append(Activation(activation))
            if dropout > 0 { layers.append(Dropout(probability: dropout, seed: seed &+ UInt64(index))) }
            width = size
        }
        layers.append(Dense(inputSize: width, outputSize: outputSize))
        if let outputActivation { layers.append(Activation(outputActivation)) }
        return layers
    }

    /// Trainable values: Σ (in·out + out) over the Dense layers, plus γ and β per hidden
    /// feature with batch normalization.
    public var parameterCount: Int {
        var count = batchNorm ? 2 * hidden.reduce(0, +) : 0
        var width = inputSize
        for size in hidden + [outputSize] {
            count += width * size + size
            width = size
        }
        return count
    }
}
