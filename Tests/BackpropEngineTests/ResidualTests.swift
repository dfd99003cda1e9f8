import Testing
@testable import BackpropEngine

@Suite("Residual block: x + f(x)")
struct ResidualTests {
    @Test func gradientMatchesFiniteDifferences() throws {
        let block = Residual([Dense(inputSize: 5, outputSize: 5), Activation(.tanh), Dense(inputSize: 5, outputSize: 5)])
        #expect(try GradientCheck.check(layer: block, inputShape: [5], batch: 4) == [])
    }

    @Test func gradientThroughBatchNormInTheBody() throws {
        let block = Residual([Dense(inputSize: 4, outputSize: 4, hasBias: false), BatchNorm(channels: 4, layout: .features),
                              Activation(.sigmoid)])
        #expect(try GradientCheck.check(layer: block, inputShape: [4], batch: 6) == [])
    }

    @Test func outputIsInputPlusBody() throws {
        let dense = Dense(inputSize: 2, outputSize: 2)
        let block = Residual([dense])
        _ = try block.prepare(maxBatch: 1, inputShape: [2])
        dense.weight.value.copy(from: [2, 0, 0, 3])
        dense.bias!.value.copy(from: [1, -1])
        let output = block.forward(Tensor(shape: [1, 2], values: [1, 2]), training: false)
        // x + (W·x + b) = [1, 2] + [3, 5]
        #expect(output.values == [4, 7])
    }

    /// The skip carries the output gradient to the input whole, however small the body's is.
    @Test func gradientPassesTheSkipWhenTheBodyIsSilent() throws {
        let dense = Dense(inputSize: 3, outputSize: 3)
        let block = Residual([dense, Activation(.tanh)])
        _ = try block.prepare(maxBatch: 2, inputShape: [3])
        dense.weight.value.zero()
        _ = block.forward(Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]), training: true)
        let outputGradient = Tensor(shape: [2, 3], values: [0.5, -1, 2, 0, 3, -4])
        let inputGradient = block.backward(outputGradient, needsInputGradient: true)!
        #expect(inputGradient.values == outputGradient.values)
    }

    @Test func refusesABodyThatChangesTheShape() throws {
        let block = Residual([Dense(inputSize: 4, outputSize: 3)])
        #expect(throws: ModelError.self) { try block.prepare(maxBatch: 1, inputShape: [4]) }
    }

    @Test func namesItsBodyAsPyTorchSequentialDoes() throws {
        let network = try Network(
            layers: [Dense(inputSize: 3, outputSize: 4), Residual([Dense(inputSize: 4, outputSize: 4, hasBias: false),
                                                                  BatchNorm(channels: 4, layout: .features), Activation(.tanh)]),
                     Dense(inputSize: 4, outputSize: 2)],
            inputShape: [3], loss: MeanSquaredError(task: .regression(outputs: 2)))
        #expect(network.parameters.map(\.name) == ["0.weight", "0.bias", "1.body.0.weight", "1.body.1.weight", "1.body.1.bias",
                                                   "2.weight", "2.bias"])
        #expect(network.leafLayers.count == 5)
        #expect(network.descriptors[1].body?.map(\.type) == ["linear", "batchnorm1d", "tanh"])
    }

    /// The probes and the initializer see the Dense layers inside blocks as if listed directly.
    @Test func probesAndInitializationReachInsideBlocks() throws {
        let spec = MLPSpec(inputSize: 4, hidden: [6, 6, 6], outputSize: 2, activation: .tanh, residual: true)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [4], loss: MeanSquaredError(task: .regression(outputs: 2)))
        #expect(network.layers.filter { $0 is Residual }.count == 2)
        try network.prepare(maxBatch: 2)
        var random = RandomGenerator(seed: 3)
        network.initialize(.pytorch, random: &random)
        #expect(network.weights.allSatisfy { weight in weight.value.values.contains { $0 != 0 } })
        let input = Tensor(shape: [2, 4], values: [0.1, 0.2, -0.3, 0.4, 1, -1, 0.5, 0])
        network.computeGradients(inputs: input, targets: Tensor(shape: [2, 2], values: [1, 0, 0, 1]))
        #expect(network.probe().map(\.name) == ["0 Linear(4→6) Tanh", "2 Linear(6→6) Tanh", "4 Linear(6→6) Tanh", "6 Linear(6→2)"])
    }
}
