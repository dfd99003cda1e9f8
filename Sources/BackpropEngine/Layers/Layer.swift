/// A trainable tensor and the gradient of the loss with respect to it.
public final class Parameter: @unchecked Sendable {
    /// The name PyTorch's `state_dict` would give it, e.g. `"0.weight"`.
    public var name: String
    /// Replaced only to share one tensor between a network and its replicas (`Network.shareParameterValues`).
    public internal(set) var value: Tensor
    public let gradient: Tensor
    /// Weights take L1/L2 penalties; biases and normalization shifts do not.
    public let isWeight: Bool
    /// A frozen parameter keeps its value, as PyTorch's `requires_grad = False`: the
    /// optimizer skips it and Dense and Conv2D skip its gradient's GEMM. Set through
    /// `Network.freeze`, which keeps the network's list of trainable parameters.
    public internal(set) var isFrozen = false
    /// This parameter's learning rate as a multiple of the optimizer's: a parameter group's
    /// own `lr` in PyTorch, e.g. 0.1 for pretrained layers being fine-tuned.
    public var learningRateScale: Float = 1

    /// The shape as PyTorch reports it (a bias is 1-D).
    public let shape: [Int]

    public init(name: String, shape: [Int], isWeight: Bool) {
        self.name = name
        self.shape = shape
        self.isWeight = isWeight
        // A 0-dimensional tensor (a counter) is stored as one value.
        let rows = shape.first ?? 1
        let sampleShape = shape.count > 1 ? Array(shape.dropFirst()) : [1]
        value = Tensor(rows: rows, sampleShape: sampleShape)
        gradient = Tensor(rows: rows, sampleShape: sampleShape)
    }

    public var count: Int { value.capacity }
}

/// One step of a network: a forward computation and, beside it, its derivative.
///
/// `prepare` allocates every buffer once for the largest batch; `forward` caches what
/// `backward` needs; `backward` writes parameter gradients (overwriting them) and returns
/// the gradient with respect to the layer's input.
public protocol Layer: AnyObject {
    /// The kind as PyTorch names the module, e.g. `"Linear"`, `"ReLU"`.
    var kind: String { get }
    var parameters: [Parameter] { get }
    /// State saved with the model but not trained (BatchNorm's running statistics).
    var stateBuffers: [Parameter] { get }
    /// Allocates buffers for batches of up to `maxBatch` samples of `inputShape`;
    /// returns the shape of one output sample.
    func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int]
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// `needsInputGradient` is false for the first layer, which can skip that work.
    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor?
    /// Assigns `state_dict` names given the layer's index in the network.
    func nameParameters(index: Int)
    /// A description for model.json and the UI, e.g. `{"type":"linear","in":2,"out":4}`.
    var descriptor: LayerDescriptor { get }
    /// True for layers that apply their weights at many positions of one sample (pixels,
    /// time steps, tokens) through many small GEMMs, which OpenBLAS's own threads barely
    /// speed up: networks with one train faster with each batch split across cores.
    var reusesWeightsWithinSample: Bool { get }
}

extension Layer {
    public var reusesWeightsWithinSample: Bool { false }
    public var parameters: [Parameter] { [] }
    public var stateBuffers: [Parameter] { [] }
    public func nameParameters(index: Int) {}
}

/// A plain description of a layer: its type and numeric settings, and for a layer that
/// wraps others (a residual block) the descriptions of those in order.
public struct LayerDescriptor: Equatable, Sendable, Codable {
    public var type: String
    public var settings: [String: Double]
    /// nil for a layer that wraps no others.
    public var body: [LayerDescriptor]?

    public init(type: String, settings: [String: Double] = [:], body: [LayerDescriptor]? = nil) {
        self.type = type
        self.settings = settings
        self.body = body
    }
}

/// A layer made of other layers that the probes look inside (a residual block), so that
/// each Dense layer in it is measured as if the network listed it directly.
public protocol LayerContainer: Layer {
    var sublayers: [any Layer] { get }
}

/// Problems building a model: the message names the layer and the shapes involved.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A layer with one weight and one bias initialized by fan-in and fan-out (Dense, Conv2D).
public protocol WeightedLayer: Layer {
    var weight: Parameter { get }
    /// nil when the layer has no bias (a convolution followed by batch normalization).
    var bias: Parameter? { get }
    var fanIn: Int { get }
    var fanOut: Int { get }
}

/// A layer with its own initialization (PyTorch's defaults for `nn.Embedding`, `nn.LSTM`…),
/// used whatever initializer the dense and convolutional layers get.
public protocol SelfInitializingLayer: Layer {
    func initialize(random: inout RandomGenerator)
}
