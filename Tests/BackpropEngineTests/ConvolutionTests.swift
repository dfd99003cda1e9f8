import Testing
@testable import BackpropEngine

@Suite("Convolutional layers")
struct ConvolutionTests {
    @Test(arguments: [(kernel: 3, stride: 1, padding: 1), (kernel: 2, stride: 2, padding: 0), (kernel: 3, stride: 2, padding: 2)])
    func conv2DGradients(kernel: Int, stride: Int, padding: Int) throws {
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: kernel, stride: stride, padding: padding)
        #expect(try GradientCheck.check(layer: layer, inputShape: [2, 5, 5], batch: 2) == [])
    }

    @Test func convolutionWithoutBias() throws {
        let layer = Conv2D(inputChannels: 2, outputChannels: 2, kernelSize: 3, padding: 1, hasBias: false)
        #expect(layer.parameters.count == 1)
        #expect(try GradientCheck.check(layer: layer, inputShape: [2, 4, 4], batch: 2) == [])
    }

    @Test func rectangularKernelGradients() throws {
        let layer = Conv2D(inputChannels: 1, outputChannels: 2, kernel: (height: 2, width: 3), stride: 1, padding: 1)
        #expect(try GradientCheck.check(layer: layer, inputShape: [1, 4, 6], batch: 2) == [])
    }

    /// A training pass keeps each image's columns for backward; after an evaluation pass,
    /// backward unfolds them again. Both must give the same gradients, bit for bit.
    @Test func backwardAfterAnEvaluationPassUnfoldsAgain() throws {
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1)
        _ = try layer.prepare(maxBatch: 3, inputShape: [2, 7, 7])
        var random = RandomGenerator(seed: 11)
        for parameter in layer.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) }
        }
        let x = Tensor(rows: 3, sampleShape: [2, 7, 7])
        for i in 0..<x.count { x[i] = Float(random.uniform(-2, 2)) }
        let dy = Tensor(rows: 3, sampleShape: [3, 4, 4])
        for i in 0..<dy.count { dy[i] = Float(random.uniform(-1, 1)) }
        func gradients(training: Bool) -> [[Float]] {
            _ = layer.forward(x, training: training)
            let inputGradient = layer.backward(dy, needsInputGradient: true)!.values
            return layer.parameters.map(\.gradient.values) + [inputGradient]
        }
        let kept = gradients(training: true)
        let unfoldedAgain = gradients(training: false)
        #expect(kept == unfoldedAgain)
        #expect(kept[0].contains { $0 != 0 })
    }

    @Test func convolutionMatchesTheDefinition() throws {
        // A 1-channel 3x3 image, one 2x2 kernel, bias 0.5, padding 0: y[i,j] = Σ k[a,b]·x[i+a, j+b] + 0.5.
        let layer = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 2)
        #expect(try layer.prepare(maxBatch: 1, inputShape: [1, 3, 3]) == [1, 2, 2])
        layer.weight.value.copy(from: [1, 2, 3, 4])
        layer.bias?.value[0] = 0.5
        let x = Tensor(shape: [1, 1, 3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(layer.forward(x, training: false).values == [37.5, 47.5, 67.5, 77.5])
    }

    @Test func outputSizesFollowPyTorch() throws {
        // LeNet-5 on 28x28: conv 6@5x5 pad 2 → 28, pool 2 → 14, conv 16@5x5 → 10, pool → 5.
        #expect(try Conv2D(inputChannels: 1, outputChannels: 6, kernelSize: 5, padding: 2).prepare(maxBatch: 1, inputShape: [1, 28, 28]) == [6, 28, 28])
        #expect(try MaxPool2D(kernel: 2).prepare(maxBatch: 1, inputShape: [6, 28, 28]) == [6, 14, 14])
        #expect(try Conv2D(inputChannels: 6, outputChannels: 16, kernelSize: 5).prepare(maxBatch: 1, inputShape: [6, 14, 14]) == [16, 10, 10])
        #expect(try AvgPool2D(kernel: 3, stride: 2).prepare(maxBatch: 1, inputShape: [16, 10, 10]) == [16, 4, 4])
        #expect(throws: ModelError.self) { try Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 7).prepare(maxBatch: 1, inputShape: [1, 5, 5]) }
        #expect(throws: ModelError.self) { try Conv2D(inputChannels: 3, outputChannels: 1, kernelSize: 1).prepare(maxBatch: 1, inputShape: [1, 5, 5]) }
    }

    /// The unrolled 2x2 window against the general one (a 2x2 window with stride 1 is not
    /// unrolled, so a 3x3 input read at stride 2 by hand is the reference): odd sizes, which
    /// floor mode cuts, and ties, which keep the first value in reading order.
    @Test func theTwoByTwoPoolMatchesTheGeneralWindowOnOddSizesAndTies() throws {
        let channels = 3, height = 5, width = 7
        var random = RandomGenerator(seed: 11)
        // Values from a handful of levels, so that many windows hold ties.
        let values = (0..<(2 * channels * height * width)).map { _ in Float(Int(random.uniform() * 4)) }
        let x = Tensor(shape: [2, channels, height, width], values: values)
        let pool = MaxPool2D(kernel: 2)
        #expect(try pool.prepare(maxBatch: 2, inputShape: [channels, height, width]) == [channels, 2, 3])
        let y = pool.forward(x, training: true)
        var expected: [Float] = [], expectedGradient = [Float](repeating: 0, count: values.count)
        for image in 0..<2 { for channel in 0..<channels { for oy in 0..<2 { for ox in 0..<3 {
            let corner = ((image * channels + channel) * height + 2 * oy) * width + 2 * ox
            var winner = corner
            for offset in [1, width, width + 1] where values[corner + offset] > values[winner] { winner = corner + offset }
            expected.append(values[winner])
            expectedGradient[winner] += Float(expected.count)
        } } } }
        #expect(y.values == expected)
        let gradient = Tensor(shape: [2, channels, 2, 3], values: (1...expected.count).map(Float.init))
        #expect(pool.backward(gradient, needsInputGradient: true)?.values == expectedGradient)
    }

    @Test func maxPoolGradientsAndWinners() throws {
        #expect(try GradientCheck.check(layer: MaxPool2D(kernel: 2), inputShape: [2, 4, 4], batch: 2, distinctInputs: true) == [])
        #expect(try GradientCheck.check(layer: MaxPool2D(kernel: 3, stride: 2), inputShape: [1, 5, 5], batch: 1, distinctInputs: true) == [])
        let pool = MaxPool2D(kernel: 2)
        _ = try pool.prepare(maxBatch: 1, inputShape: [1, 2, 4])
        let x = Tensor(shape: [1, 1, 2, 4], values: [1, 9, 3, 4, 5, 6, 8, 7])
        #expect(pool.forward(x, training: true).values == [9, 8])
        let gradient = Tensor(shape: [1, 1, 1, 2], values: [10, 20])
        #expect(pool.backward(gradient, needsInputGradient: true)!.values == [0, 10, 0, 0, 0, 0, 20, 0])
    }

    @Test func averagePoolAndFlattenGradients() throws {
        #expect(try GradientCheck.check(layer: AvgPool2D(kernel: 2), inputShape: [2, 4, 4], batch: 2) == [])
        #expect(try GradientCheck.check(layer: Flatten(), inputShape: [2, 3, 3], batch: 2) == [])
    }

    @Test func batchNormGradientsInTraining() throws {
        let layer = BatchNorm(channels: 3, layout: .images)
        #expect(try GradientCheck.check(layer: layer, inputShape: [3, 2, 2], batch: 3) == [])
    }

    @Test func batchNormOverDenseFeaturesGradients() throws {
        let layer = BatchNorm(channels: 4, layout: .features)
        #expect(try GradientCheck.check(layer: layer, inputShape: [4], batch: 5) == [])
        #expect(layer.kind == "BatchNorm1d")
    }

    @Test func batchNormOverFeaturesNormalizesEachFeatureOverTheBatch() throws {
        let layer = BatchNorm(channels: 2, layout: .features)
        _ = try layer.prepare(maxBatch: 2, inputShape: [2])
        // Two samples of two features: feature 0 is (1, 3), feature 1 is (10, 30).
        let y = layer.forward(Tensor(shape: [2, 2], values: [1, 10, 3, 30]), training: true).values
        let unit = 1 / (1 + 1e-5 as Float).squareRoot()
        for (value, expected) in zip(y, [-unit, -unit, unit, unit]) { #expect(abs(value - expected) < 1e-5) }
        #expect(throws: ModelError.self) { try layer.prepare(maxBatch: 2, inputShape: [2, 1, 1]) }
    }

    @Test func batchNormStatisticsFollowPyTorch() throws {
        let layer = BatchNorm(channels: 1, layout: .images)
        _ = try layer.prepare(maxBatch: 2, inputShape: [1, 1, 2])
        let x = Tensor(shape: [2, 1, 1, 2], values: [1, 2, 3, 4])
        let y = layer.forward(x, training: true).values
        // Batch mean 2.5, biased variance 1.25: y = (x − 2.5)/√(1.25 + 1e-5).
        #expect(abs(y[0] - (-1.5 / (1.25 + 1e-5).squareRoot())) < 1e-5)
        // Running statistics: momentum 0.1 toward the mean and the unbiased variance 5/3.
        #expect(abs(layer.runningMean.value[0] - 0.25) < 1e-6)
        #expect(abs(layer.runningVariance.value[0] - (0.9 + 0.1 * 5 / 3)) < 1e-6)
        #expect(layer.batchesTracked.value[0] == 1)
        let evaluation = layer.forward(x, training: false).values
        #expect(abs(evaluation[3] - (4 - 0.25) / (layer.runningVariance.value[0] + 1e-5).squareRoot()) < 1e-5)
    }

    @Test func cnnStateDictHasPyTorchNamesAndBuffers() throws {
        let network = try Network(layers: [
            Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1), BatchNorm(channels: 4, layout: .images), Activation(.relu),
            MaxPool2D(kernel: 2), Flatten(), Dense(inputSize: 4 * 4 * 4, outputSize: 10),
        ], inputShape: [1, 8, 8], loss: SoftmaxCrossEntropy())
        #expect(network.stateDict.keys.sorted() == ["0.bias", "0.weight", "1.bias", "1.num_batches_tracked", "1.running_mean",
                                                    "1.running_var", "1.weight", "5.bias", "5.weight"])
        #expect(network.stateDict["0.weight"]?.shape == [4, 1, 3, 3])
        #expect(network.stateDict["1.num_batches_tracked"]?.shape == [])
        let copy = try Network(layers: [
            Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1), BatchNorm(channels: 4, layout: .images), Activation(.relu),
            MaxPool2D(kernel: 2), Flatten(), Dense(inputSize: 4 * 4 * 4, outputSize: 10),
        ], inputShape: [1, 8, 8], loss: SoftmaxCrossEntropy())
        var random = RandomGenerator(seed: 2)
        network.initialize(.he, random: &random)
        try copy.load(stateDict: Safetensors.decode(Safetensors.encode(network.stateDict), source: "memory"), source: "memory")
        #expect(copy.stateDict == network.stateDict)
    }

    /// A transformer block's attention is `self_attn`, as in nn.TransformerEncoderLayer; a file
    /// saved under the old name `attention` still loads.
    @Test func transformerBlocksTakePyTorchsNamesAndOldFilesStillLoad() throws {
        var random = RandomGenerator(seed: 3)
        func model() throws -> Network {
            try Network(layers: [TransformerBlock(modelWidth: 8, heads: 2, causal: false)], inputShape: [4, 8], loss: MeanSquaredError(task: .regression(outputs: 8)))
        }
        let network = try model()
        network.initialize(.xavier, random: &random)
        #expect(network.stateDict.keys.contains("0.self_attn.in_proj_weight"))
        let old = Dictionary(uniqueKeysWithValues: network.stateDict.map { ($0.key.replacingOccurrences(of: ".self_attn.", with: ".attention."), $0.value) })
        let copy = try model()
        try copy.load(stateDict: old, source: "old.safetensors")
        #expect(copy.stateDict == network.stateDict)
    }

    /// The step counter is written as PyTorch saves it, an int64, and reads back as the same count.
    @Test func batchNormsCounterIsAnInt64() throws {
        let counter = NamedTensor(shape: [], values: [1234])
        let data = Safetensors.encode(["1.num_batches_tracked": counter, "1.weight": NamedTensor(shape: [2], values: [0.5, -1])])
        let headerLength = Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        let header = try #require(String(data: data.subdata(in: 8 ..< 8 + headerLength), encoding: .utf8))
        #expect(header.contains(#""1.num_batches_tracked":{"data_offsets":[0,8],"dtype":"I64""#), "\(header)")
        #expect(try Safetensors.decode(data, source: "memory")["1.num_batches_tracked"] == counter)
        // A count loaded from a hostile file may be beyond Int64: it is clamped, not a trap.
        let huge = Safetensors.encode(["n.num_batches_tracked": NamedTensor(shape: [], values: [1e30])])
        #expect(try Safetensors.decode(huge, source: "memory")["n.num_batches_tracked"]?.values[0] == 9.2e18)
    }
}
