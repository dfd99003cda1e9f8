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
}
