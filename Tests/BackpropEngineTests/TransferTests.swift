import Testing
@testable import BackpropEngine

/// Freezing layers, per-group learning rates and a replaced head: what transfer learning
/// needs from the engine.
@Suite("Transfer: frozen layers, learning-rate groups, a new head")
struct TransferTests {
    /// conv 3@3x3 → ReLU → pool → flatten → Linear(12→5) → ReLU → Linear(5→3), on 1x4x4 images.
    static func smallCNN(seed: UInt64 = 5) throws -> Network {
        let network = try Network(
            layers: [Conv2D(inputChannels: 1, outputChannels: 3, kernelSize: 3, padding: 1), Activation(.relu), MaxPool2D(kernel: 2),
                     Flatten(), Dense(inputSize: 12, outputSize: 5), Activation(.tanh), Dense(inputSize: 5, outputSize: 3)],
            inputShape: [1, 4, 4], loss: SoftmaxCrossEntropy())
        try network.prepare(maxBatch: 4)
        var random = RandomGenerator(seed: seed)
        network.initialize(.pytorch, random: &random)
        return network
    }

    static func batch(seed: UInt64 = 11) -> (inputs: Tensor, targets: Tensor) {
        var random = RandomGenerator(seed: seed)
        let inputs = Tensor(shape: [4, 1, 4, 4], values: (0..<64).map { _ in Float(random.uniform(-1, 1)) })
        return (inputs, Tensor(shape: [4, 1], values: [0, 2, 1, 2]))
    }

    static func gradients(_ network: Network) -> [String: [Float]] {
        Dictionary(uniqueKeysWithValues: network.parameters.map { ($0.name, $0.gradient.values) })
    }

    /// Freezing changes no gradient of the layers that still learn (it only skips work), and
    /// leaves the frozen ones at zero: the unfrozen network's gradients, already checked
    /// against finite differences layer by layer, are the reference.
    @Test(arguments: [0..<1, 4..<5, 0..<5])
    func frozenLayersLeaveTheOtherGradientsExact(frozen: Range<Int>) throws {
        let reference = try Self.smallCNN(), network = try Self.smallCNN()
        let (inputs, targets) = Self.batch()
        reference.computeGradients(inputs: inputs, targets: targets)
        network.freeze(frozen)
        network.computeGradients(inputs: inputs, targets: targets)
        let expected = Self.gradients(reference), actual = Self.gradients(network)
        for parameter in network.parameters {
            if parameter.isFrozen {
                #expect(actual[parameter.name]!.allSatisfy { $0 == 0 }, "\(parameter.name) is frozen")
            } else {
                #expect(actual[parameter.name] == expected[parameter.name], "\(parameter.name)")
            }
        }
        #expect(network.trainableParameters.map(\.name) == network.parameters.filter { !$0.isFrozen }.map(\.name))
        #expect(network.trainableParameters.count == network.parameters.count - network.layers[frozen].flatMap(\.parameters).count)
    }

    /// A frozen layer in the middle still passes the gradient back to its input.
    @Test func frozenLayerPassesTheInputGradient() throws {
        for layer in [Dense(inputSize: 6, outputSize: 4) as any Layer, Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, padding: 1)] {
            let shape = layer is Dense ? [6] : [2, 3, 3]
            let thawed = try GradientCheck.check(layer: layer, inputShape: shape, batch: 3)
            #expect(thawed == [])
            let input = Tensor(rows: 3, sampleShape: shape)
            for i in 0..<input.count { input[i] = Float(i % 7) * 0.3 - 1 }
            let output = layer.forward(input, training: true)
            let outputGradient = Tensor(rows: 3, sampleShape: output.sampleShape)
            for i in 0..<outputGradient.count { outputGradient[i] = Float(i % 5) * 0.2 - 0.4 }
            let expected = layer.backward(outputGradient, needsInputGradient: true)!.values
            for parameter in layer.parameters { parameter.isFrozen = true; parameter.gradient.zero() }
            _ = layer.forward(input, training: true)
            #expect(layer.backward(outputGradient, needsInputGradient: true)!.values == expected, "\(layer.kind)")
            #expect(layer.parameters.allSatisfy { $0.gradient.values.allSatisfy { $0 == 0 } }, "\(layer.kind) computed a frozen gradient")
            #expect(layer.backward(outputGradient, needsInputGradient: false) == nil)
        }
    }

    /// Training moves only what is not frozen, and a thawed layer learns again.
    @Test func trainingLeavesFrozenValuesAlone() throws {
        let network = try Self.smallCNN()
        network.freeze(0..<5)
        let before = network.parameters.map(\.value.values)
        let optimizer = Optimizer(settings: OptimizerSettings(kind: .adam, learningRate: 0.01))
        let (inputs, targets) = Self.batch()
        for _ in 0..<3 {
            network.computeGradients(inputs: inputs, targets: targets)
            optimizer.step(network.trainableParameters, learningRate: 0.01)
        }
        for (parameter, values) in zip(network.parameters, before) {
            #expect((parameter.value.values == values) == parameter.isFrozen, "\(parameter.name)")
        }
        network.freeze(0..<5, false)
        #expect(network.trainableParameters.count == network.parameters.count)
        network.computeGradients(inputs: inputs, targets: targets)
        #expect(network.parameters[0].gradient.values.contains { $0 != 0 })
    }

    /// A parameter's learning-rate scale is its group's own rate, for every optimizer: the
    /// scaled parameter moves exactly as with an optimizer at the scaled rate.
    @Test(arguments: OptimizerKind.allCases)
    func learningRateScaleIsTheGroupsOwnRate(kind: OptimizerKind) {
        func parameter(scale: Float) -> Parameter {
            let parameter = Parameter(name: "w", shape: [5], isWeight: true)
            parameter.value.copy(from: [0.5, -1, 2, 0.1, -0.3])
            parameter.learningRateScale = scale
            return parameter
        }
        let scaled = parameter(scale: 0.1), reference = parameter(scale: 1)
        let group = Optimizer(settings: OptimizerSettings(kind: kind, weightDecay: 0.01))
        let alone = Optimizer(settings: OptimizerSettings(kind: kind, weightDecay: 0.01))
        for step in 0..<4 {
            let gradient: [Float] = (0..<5).map { Float($0 - 2) * 0.3 + Float(step) * 0.1 }
            scaled.gradient.copy(from: gradient)
            reference.gradient.copy(from: gradient)
            group.step([scaled], learningRate: 0.05)
            alone.step([reference], learningRate: 0.05 * 0.1)
        }
        #expect(scaled.value.values == reference.value.values)
        #expect(scaled.value.values != parameter(scale: 1).value.values)
    }

    /// The body's tensors come from the pretrained network; the new head keeps its own fresh
    /// values, even though the file's head has another number of outputs.
    @Test func loadBodyKeepsTheNewHead() throws {
        let pretrained = try Self.smallCNN(seed: 1)
        let network = try Network(
            layers: [Conv2D(inputChannels: 1, outputChannels: 3, kernelSize: 3, padding: 1), Activation(.relu), MaxPool2D(kernel: 2),
                     Flatten(), Dense(inputSize: 12, outputSize: 5), Activation(.tanh), Dense(inputSize: 5, outputSize: 4)],
            inputShape: [1, 4, 4], loss: SoftmaxCrossEntropy())
        var random = RandomGenerator(seed: 2)
        network.initialize(.pytorch, random: &random)
        let freshHead = network.layers[6].parameters.map(\.value.values)
        try network.loadBody(stateDict: pretrained.stateDict, headStart: 6, source: "pretrained")
        for (loaded, original) in zip(network.parameters.prefix(4), pretrained.parameters.prefix(4)) {
            #expect(loaded.value.values == original.value.values, "\(loaded.name)")
        }
        #expect(network.layers[6].parameters.map(\.value.values) == freshHead)
    }

    @Test func loadBodyRefusesAMissingOrMisshapenBodyTensor() throws {
        let network = try Self.smallCNN()
        var stateDict = try Self.smallCNN(seed: 3).stateDict
        stateDict["4.weight"] = NamedTensor(shape: [5, 11], values: Array(repeating: 0, count: 55))
        #expect(throws: SafetensorsError.self) { try network.loadBody(stateDict: stateDict, headStart: 6, source: "cache") }
        stateDict["4.weight"] = nil
        #expect(throws: SafetensorsError.self) { try network.loadBody(stateDict: stateDict, headStart: 6, source: "cache") }
    }
}
