/// How a convolutional block shrinks its feature maps.
public enum PoolingKind: String, CaseIterable, Sendable {
    case max, average = "avg"
}

/// A small convolutional network described by its sizes: blocks of
/// `Conv2d(k×k, padding k/2) → [BatchNorm2d] → activation → pool 2×2` (a convolution
/// followed by batch normalization has no bias: the normalization removes it), then
/// `Flatten → Linear → activation → [Dropout] … → Linear`, as `nn.Sequential` would list them.
public struct CNNSpec: Equatable, Sendable {
    public var inputShape: [Int]
    /// Output channels of each convolutional block.
    public var channels: [Int]
    public var kernel: Int
    /// Zero padding of each convolution; nil pads by kernel/2, keeping the size.
    public var padding: [Int]?
    public var pooling: PoolingKind
    public var batchNorm: Bool
    public var hidden: [Int]
    public var outputSize: Int
    public var activation: ActivationFunction
    public var dropout: Float

    public init(inputShape: [Int], channels: [Int], kernel: Int, padding: [Int]? = nil, pooling: PoolingKind = .max,
                batchNorm: Bool = false, hidden: [Int], outputSize: Int, activation: ActivationFunction = .relu, dropout: Float = 0) {
        self.inputShape = inputShape
        self.channels = channels
        self.kernel = kernel
        self.padding = padding
        self.pooling = pooling
        self.batchNorm = batchNorm
        self.hidden = hidden
        self.outputSize = outputSize
        self.activation = activation
        self.dropout = dropout
    }

    public func makeLayers(seed: UInt64) throws(ModelError) -> [any Layer] {
        guard inputShape.count == 3 else { throw ModelError("a convolutional network needs image inputs [channels, height, width], got \(inputShape)") }
        var layers: [any Layer] = []
        var shape = inputShape
        for (index, count) in channels.enumerated() {
            let convolution = Conv2D(inputChannels: shape[0], outputChannels: count, kernelSize: kernel,
                                     padding: padding?[index] ?? kernel / 2, hasBias: !batchNorm)
            layers.append(convolution)
            shape = try convolution.prepare(maxBatch: 1, inputShape: shape)
            if batchNorm { layers.append(BatchNorm(channels: count, layout: .images)) }
            layers.append(Activation(activation))
            let pool: any Layer = pooling == .max ? MaxPool2D(kernel: 2) : AvgPool2D(kernel: 2)
            shape = try pool.prepare(maxBatch: 1, inputShape: shape)
            layers.append(pool)
        }
        layers.append(Flatten())
        let mlp = MLPSpec(inputSize: shape.reduce(1, *), hidden: hidden, outputSize: outputSize, activation: activation, dropout: dropout)
        return layers + mlp.makeLayers(seed: seed)
    }
}
