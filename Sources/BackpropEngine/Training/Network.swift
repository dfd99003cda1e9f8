/// A sequence of layers, like PyTorch's `nn.Sequential`, with the loss it is trained on.
///
/// Buffers are allocated once by `prepare(maxBatch:)`; a training step then allocates
/// nothing. Parameter names follow the `state_dict` of the equivalent `nn.Sequential`.
public final class Network {
    public let layers: [any Layer]
    /// The layers with every container (residual block) opened, in the order data flows
    /// through them: what the probes, initializers and dropout masks walk.
    public let leafLayers: [any Layer]
    public let inputShape: [Int]
    public let loss: any Loss
    public var penalty: Penalty
    public let parameters: [Parameter]
    /// The parameters that are weights (penalized, probed for update ratios).
    public let weights: [Parameter]
    /// The parameters an optimizer updates: every one that is not frozen (`freeze`).
    public private(set) var trainableParameters: [Parameter]
    /// The first layer with a trainable parameter: the backward pass stops there, as nothing
    /// before it learns (feature extraction trains the head alone at the cost of its own backward).
    private(set) var firstTrainedLayer = 0
    public private(set) var maxBatch = 0
    public private(set) var outputShape: [Int] = []
    private var outputGradient = Tensor(rows: 0, columns: 1)

    public init(layers: [any Layer], inputShape: [Int], loss: any Loss, penalty: Penalty = Penalty()) throws(ModelError) {
        self.layers = layers
        leafLayers = Self.leaves(of: layers)
        self.inputShape = inputShape
        self.loss = loss
        self.penalty = penalty
        for (index, layer) in layers.enumerated() { layer.nameParameters(index: index) }
        parameters = layers.flatMap(\.parameters)
        weights = parameters.filter(\.isWeight)
        trainableParameters = parameters
        try prepare(maxBatch: 1)
    }

    private static func leaves(of layers: [any Layer]) -> [any Layer] {
        layers.flatMap { layer -> [any Layer] in
            guard let container = layer as? any LayerContainer else { return [layer] }
            return leaves(of: container.sublayers)
        }
    }

    /// Number of trainable values.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// (Re)allocates every buffer for batches of up to `maxBatch` samples.
    public func prepare(maxBatch: Int) throws(ModelError) {
        guard maxBatch != self.maxBatch else { return }
        var shape = inputShape
        for layer in layers { shape = try layer.prepare(maxBatch: maxBatch, inputShape: shape) }
        outputShape = shape
        outputGradient = Tensor(rows: maxBatch, sampleShape: shape)
        self.maxBatch = maxBatch
    }

    /// Runs the layers in order; the returned tensor belongs to the last layer.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(input.rows <= maxBatch, "batch of \(input.rows) exceeds prepared \(maxBatch)")
        return forward(input, layersIn: layers.indices, training: training)
    }

    /// Runs `layers[range]` in order: a stretch of `forward` (a batch split across cores
    /// stops at each batch normalization to combine its statistics).
    func forward(_ input: Tensor, layersIn range: Range<Int>, training: Bool) -> Tensor {
        var activations = input
        for index in range { activations = layers[index].forward(activations, training: training) }
        return activations
    }

    /// Runs `layers[range]` backward from `gradient`, the gradient of the stretch's output;
    /// returns that of its input, or nil where no layer before needs one (the first layer,
    /// unless `needsInputGradient`).
    func backward(_ gradient: Tensor, layersIn range: Range<Int>, needsInputGradient: Bool = false) -> Tensor? {
        var gradient: Tensor? = gradient
        for index in range.reversed() {
            // Nothing before the first layer that learns needs a gradient (`freeze`).
            guard let current = gradient, index >= firstTrainedLayer || needsInputGradient else { return nil }
            gradient = layers[index].backward(current, needsInputGradient: index > firstTrainedLayer || needsInputGradient)
        }
        return gradient
    }

    /// The mean data loss of `outputs` against `targets`, and its gradient with respect to
    /// the outputs (a buffer of this network's, valid until the next call).
    func lossAndGradient(outputs: Tensor, targets: Tensor) -> (loss: Float, gradient: Tensor) {
        (loss.evaluate(outputs: outputs, targets: targets, gradient: outputGradient), outputGradient)
    }

    /// Forward, loss, backward and penalties for one batch; parameter gradients are left
    /// in each parameter's `gradient`. Returns the outputs and the loss (data + penalty).
    @discardableResult
    public func computeGradients(inputs: Tensor, targets: Tensor) -> (outputs: Tensor, loss: Float) {
        let (outputs, dataLoss) = computeDataGradients(inputs: inputs, targets: targets)
        return (outputs, dataLoss + penalty.apply(to: parameters))
    }

    /// `computeGradients` without the penalty: the data loss of this batch and its gradients.
    /// Data-parallel training adds the penalty once, after summing its parts.
    func computeDataGradients(inputs: Tensor, targets: Tensor) -> (outputs: Tensor, loss: Float) {
        let outputs = forward(inputs, training: true)
        let (dataLoss, outputGradient) = lossAndGradient(outputs: outputs, targets: targets)
        _ = backward(outputGradient, layersIn: layers.indices)
        return (outputs, dataLoss)
    }

    /// Backpropagates `outputGradient` (d loss / d outputs of the last `forward`) through every
    /// layer, leaving parameter gradients in place, and returns d loss / d inputs when asked.
    /// A GAN's generator step uses this on the discriminator to reach its input.
    @discardableResult
    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        backward(outputGradient, layersIn: layers.indices, needsInputGradient: needsInputGradient)
    }

    /// Freezes (or thaws) every parameter of the layers at `indices`, as PyTorch's
    /// `requires_grad_(False)` on those modules: their values stay, their gradients stay zero,
    /// and the backward pass skips what only they need.
    public func freeze(_ indices: Range<Int>, _ frozen: Bool = true) {
        for parameter in layers[indices].flatMap(\.parameters) {
            parameter.isFrozen = frozen
            parameter.gradient.zero()
        }
        trainableParameters = parameters.filter { !$0.isFrozen }
        firstTrainedLayer = layers.firstIndex { $0.parameters.contains { !$0.isFrozen } } ?? layers.count
    }

    /// Sets the learning-rate multiple of every parameter of the layers at `indices` (a
    /// parameter group's own learning rate).
    public func scaleLearningRate(_ indices: Range<Int>, by scale: Float) {
        for parameter in layers[indices].flatMap(\.parameters) { parameter.learningRateScale = scale }
    }

    /// Evaluation-mode forward over one batch: the sum of its samples' losses, how many
    /// predictions were right and how many sequences were right at every step.
    func evaluateBatch(inputs: Tensor, targets: Tensor, countsCorrect: Bool,
                       scoresSequences: Bool) -> (lossSum: Double, correct: Int, correctSequences: Int) {
        let outputs = forward(inputs, training: false)
        return (Double(loss.evaluate(outputs: outputs, targets: targets, gradient: nil)) * Double(inputs.rows),
                countsCorrect ? countCorrect(outputs: outputs, targets: targets) : 0,
                scoresSequences ? countCorrectSequences(outputs: outputs, targets: targets) : 0)
    }

    /// Makes this network compute with `main`'s parameter values: the same tensors, not
    /// copies, so an optimizer step on `main` updates both. Gradients stay separate. Both must
    /// be the same architecture. Running statistics (batch normalization's) are shared too:
    /// only `main` updates them, with the statistics of the whole split batch
    /// (`BatchShards`), so state is allowed only in top-level batch-normalization layers.
    public func shareParameterValues(with main: Network) throws(ModelError) {
        guard parameters.count == main.parameters.count,
              zip(parameters, main.parameters).allSatisfy({ $0.shape == $1.shape }) else {
            throw ModelError("a replica must have the same parameters as its network")
        }
        guard !hasStateOutsideBatchNorm, !main.hasStateOutsideBatchNorm else {
            throw ModelError("only top-level batch normalization may keep running statistics in a network split across replicas")
        }
        for (replica, original) in zip(parameters, main.parameters) { replica.value = original.value }
        let states = layers.flatMap(\.stateBuffers), mainStates = main.layers.flatMap(\.stateBuffers)
        guard states.count == mainStates.count, zip(states, mainStates).allSatisfy({ $0.shape == $1.shape }) else {
            throw ModelError("a replica must have the same running statistics as its network")
        }
        for (replica, original) in zip(states, mainStates) { replica.value = original.value }
    }

    /// Whether a layer other than a top-level batch normalization keeps state (one nested
    /// in a residual block, say), which a split batch could not keep whole-batch.
    var hasStateOutsideBatchNorm: Bool {
        layers.contains { !($0 is BatchNorm) && !$0.stateBuffers.isEmpty }
    }

    /// Fills every weight and bias with an initializer, by each layer's fan-in and fan-out.
    public func initialize(_ initializer: Initializer, random: inout RandomGenerator) {
        for layer in leafLayers {
            if let layer = layer as? any WeightedLayer {
                initializer.initialize(weight: layer.weight.value, bias: layer.bias?.value,
                                       fanIn: layer.fanIn, fanOut: layer.fanOut, random: &random)
            } else if let layer = layer as? any SelfInitializingLayer {
                layer.initialize(random: &random)
            }
        }
    }

    /// The layer list as model.json describes it.
    public var descriptors: [LayerDescriptor] { layers.map(\.descriptor) }
}
