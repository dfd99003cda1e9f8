import Testing
@testable import BackpropEngine

@Suite("Autoencoder layers")
struct AutoencoderSpecTests {
    let spec = AutoencoderSpec(inputSize: 16, hidden: [8, 4], bottleneck: 2)

    @Test func theDecoderMirrorsTheEncoderAndEndsInASigmoid() {
        let layers = spec.makeLayers()
        #expect(layers.map(\.kind) == ["Flatten", "Linear", "ReLU", "Linear", "ReLU", "Linear",
                                       "Linear", "ReLU", "Linear", "ReLU", "Linear", "Sigmoid"])
        let code = layers[spec.codeLayerIndex] as? Dense
        #expect(code?.inputSize == 4 && code?.outputSize == 2, "the code is the bottleneck Linear's output, with no activation")
        #expect((layers[spec.codeLayerIndex + 1] as? Dense)?.inputSize == 2)
    }

    /// Encoder then decoder, each run alone through `forward(layers:)`, give what the whole
    /// network gives: the views' codes and decoded images are the model's own.
    @Test func encoderAndDecoderAloneComposeToTheWholeNetwork() throws {
        let network = try Network(layers: spec.makeLayers(), inputShape: [1, 4, 4], loss: MeanSquaredError(task: .regression(outputs: 16)))
        var random = RandomGenerator(seed: 3)
        network.initialize(.pytorch, random: &random)
        try network.prepare(maxBatch: 2)
        let images = (0..<48).map { Float($0 % 7) / 7 }
        // Two images, then one: the prepared batch holds two, and forward(layers:) must chunk.
        let whole = network.forward(Tensor(shape: [2, 1, 4, 4], values: Array(images[..<32])), training: false).values
            + network.forward(Tensor(shape: [1, 1, 4, 4], values: Array(images[32...])), training: false).values
        let codes = network.forward(layers: 0..<spec.codeLayerIndex + 1, samples: 3, values: images)
        #expect(codes.count == 6)
        let decoded = network.forward(layers: spec.codeLayerIndex + 1..<network.layers.count, samples: 3, values: codes)
        #expect(decoded.count == whole.count)
        #expect(zip(decoded, whole).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(decoded.allSatisfy { $0 > 0 && $0 < 1 })
    }

    /// Encoder, code and decoder trained end to end on the reconstruction loss: every
    /// parameter's gradient of 100·MSE(network(x), x) against central differences. Tanh
    /// rather than ReLU keeps the function smooth at the step size (ReLU is checked alone).
    @Test func theWholeEncoderDecoderPassesAGradientCheck() throws {
        let small = AutoencoderSpec(inputSize: 6, hidden: [5], bottleneck: 2, activation: .tanh)
        let network = try Network(layers: small.makeLayers(), inputShape: [1, 2, 3], loss: MeanSquaredError(task: .regression(outputs: 6)))
        var random = RandomGenerator(seed: 5)
        for parameter in network.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) }
        }
        try network.prepare(maxBatch: 3)
        let pixels = (0..<18).map { _ in Float(random.uniform(0.05, 0.95)) }
        let images = Tensor(shape: [3, 1, 2, 3], values: pixels), targets = Tensor(shape: [3, 6], values: pixels)
        let scale: Float = 100
        for parameter in network.parameters { parameter.gradient.values.indices.forEach { parameter.gradient[$0] = 0 } }
        network.computeGradients(inputs: images, targets: targets)
        let analytic = network.parameters.map { $0.gradient.values.map { $0 * scale } }
        var failures: [String] = []
        for (p, parameter) in network.parameters.enumerated() {
            for i in 0..<parameter.count {
                let numeric = GradientCheck.numericDerivative(of: { scale * network.computeGradients(inputs: images, targets: targets).loss },
                                                              at: parameter.value.data + i)
                if let failure = GradientCheck.assertClose(analytic[p][i], numeric, "\(parameter.name)[\(i)]") { failures.append(failure) }
            }
        }
        #expect(failures == [])
        #expect(analytic.joined().contains { abs($0) > 0.05 }, "gradients large enough for the check to mean something")
    }
}
