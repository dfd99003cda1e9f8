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
    /// A skip connection around each hidden layer whose output is as wide as its input:
    /// `x + f(x)` with `f` = Linear, [BatchNorm1d], activation, [Dropout].
    public var residual: Bool

    public init(inputSize: Int, hidden: [Int], outputSize: Int, activation: ActivationFunction,
                outputActivation: ActivationFunction? = nil, dropout: Float = 0, batchNorm: Bool = false, residual: Bool = false) {
        self.inputSize = inputSize
        self.hidden = hidden
        self.outputSize = outputSize
        self.activation = activation
        self.outputActivation = outputActivation
        self.dropout = dropout
        self.batchNorm = batchNorm
        self.residual = residual
    }

    /// The layers in `nn.Sequential` order: Linear, [BatchNorm1d], activation, [Dropout], …,
    /// Linear, [output activation]; with `residual`, each hidden group that keeps the width
    /// sits inside a `Residual`.
    public func makeLayers(seed: UInt64) -> [any Layer] {
        var layers: [any Layer] = []
        var width = inputSize
        for (index, size) in hidden.enumerated() {
            // Batch normalization's shift β takes the place of the bias, as in a convolution.
            var group: [any Layer] = [Dense(inputSize: width, outputSize: size, hasBias: !batchNorm)]
            if batchNorm { group.append(BatchNorm(channels: size, layout: .features)) }
            group.append(Activation(activation))
            if dropout > 0 { group.append(Dropout(probability: dropout, seed: seed &+ UInt64(index))) }
            if residual && size == width { layers.append(Residual(group)) } else { layers += group }
            width = size
        }
        layers.append(Dense(inputSize: width, outputSize: outputSize))
        if let outputActivation { layers.append(Activation(outputActivation)) }
        return layers
    }

    /// Trainable values: Σ (in·out + out) over the Dense layers; with batch normalization
    /// γ and β replace each hidden layer's bias.
    public var parameterCount: Int {
        var count = batchNorm ? hidden.reduce(0, +) : 0
        var width = inputSize
        for size in hidden + [outputSize] {
            count += width * size + size
            width = size
        }
        return count
    }
}
