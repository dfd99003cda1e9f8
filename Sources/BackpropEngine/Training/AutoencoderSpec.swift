/// An encoder–decoder MLP that squeezes an image through `bottleneck` numbers and rebuilds
/// it, as one `nn.Sequential`:
/// Flatten, Linear(in, h₁), ReLU, …, Linear(h_last, bottleneck) ← the code (no activation),
/// Linear(bottleneck, h_last), ReLU, …, Linear(h₁, in), Sigmoid ← pixels in [0, 1].
/// The decoder mirrors the encoder's hidden widths.
public struct AutoencoderSpec: Equatable, Sendable {
    public var inputSize: Int
    /// The encoder's hidden widths, widest first; the decoder uses them in reverse.
    public var hidden: [Int]
    public var bottleneck: Int
    public var activation: ActivationFunction

    public init(inputSize: Int, hidden: [Int], bottleneck: Int, activation: ActivationFunction = .relu) {
        self.inputSize = inputSize
        self.hidden = hidden
        self.bottleneck = bottleneck
        self.activation = activation
    }

    public func makeLayers() -> [any Layer] {
        var layers: [any Layer] = [Flatten()]
        var width = inputSize
        for size in hidden + [bottleneck] {
            if width != inputSize { layers.append(Activation(activation)) }
            layers.append(Dense(inputSize: width, outputSize: size))
            width = size
        }
        let decoderWidths = hidden.reversed() + [inputSize]
        for (index, size) in decoderWidths.enumerated() {
            layers.append(Dense(inputSize: width, outputSize: size))
            layers.append(Activation(index == decoderWidths.count - 1 ? .sigmoid : activation))
            width = size
        }
        return layers
    }

    /// The index in `makeLayers()` of the Linear whose output is the code.
    public var codeLayerIndex: Int { 2 * hidden.count + 1 }
}
