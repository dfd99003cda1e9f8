import Testing
@testable import BackpropEngine

@Suite("Known values")
struct KnownValueTests {
    /// One parameter p = 1 with gradient 0.5, stepped by each optimizer.
    func firstSteps(_ settings: OptimizerSettings, steps: Int = 1) -> Float {
        let parameter = Parameter(name: "p", shape: [1], isWeight: true)
        parameter.value[0] = 1
        let optimizer = Optimizer(settings: settings)
        for _ in 0..<steps {
            parameter.gradient[0] = 0.5
            optimizer.step([parameter], learningRate: settings.learningRate)
        }
        return parameter.value[0]
    }

    @Test func optimizersFirstSteps() {
        #expect(abs(firstSteps(OptimizerSettings(kind: .sgd, learningRate: 0.1)) - 0.95) < 1e-6)
        #expect(abs(firstSteps(OptimizerSettings(kind: .momentum, learningRate: 0.1)) - 0.95) < 1e-6)
        // Second momentum step: b = 0.9·0.5 + 0.5 = 0.95, p = 0.95 − 0.1·0.95.
        #expect(abs(firstSteps(OptimizerSettings(kind: .momentum, learningRate: 0.1), steps: 2) - 0.855) < 1e-6)
        // Nesterov: p −= lr·(g + μ·b) = 0.1·(0.5 + 0.45).
        #expect(abs(firstSteps(OptimizerSettings(kind: .nesterov, learningRate: 0.1)) - 0.905) < 1e-6)
        // AdaGrad: s = 0.25, p −= 0.1·0.5/0.5.
        #expect(abs(firstSteps(OptimizerSettings(kind: .adagrad, learningRate: 0.1)) - 0.9) < 1e-6)
        // RMSProp: v = 0.01·0.25, √v = 0.05, p −= 0.01·0.5/0.05.
        #expect(abs(firstSteps(OptimizerSettings(kind: .rmsprop, learningRate: 0.01)) - 0.9) < 1e-5)
        // Adam's first step moves by lr in the gradient's direction.
        #expect(abs(firstSteps(OptimizerSettings(kind: .adam, learningRate: 0.1)) - 0.9) < 1e-6)
        // AdamW first shrinks by 1 − lr·wd = 0.999, then the Adam step.
        #expect(abs(firstSteps(OptimizerSettings(kind: .adamw, learningRate: 0.1)) - 0.899) < 1e-6)
        // SGD with weight decay 0.1: g = 0.5 + 0.1·1.
        #expect(abs(firstSteps(OptimizerSettings(kind: .sgd, learningRate: 0.1, weightDecay: 0.1)) - 0.94) < 1e-6)
    }

    @Test func theLessonsWeightUpdate() {
        let parameter = Parameter(name: "w", shape: [1], isWeight: true)
        parameter.value[0] = 0.5
        parameter.gradient[0] = 0.1
        Optimizer(settings: OptimizerSettings(kind: .sgd, learningRate: 0.01)).step([parameter], learningRate: 0.01)
        #expect(abs(parameter.value[0] - 0.499) < 1e-7)
    }

    @Test func crossEntropyOfTheLessonsPrediction() {
        // Logits whose softmax is exactly [0.2, 0.7, 0.1]; the true class 0 costs −ln 0.2 = ln 5.
        let logits = Tensor(shape: [1, 3], values: [logf(0.2), logf(0.7), logf(0.1)])
        let loss = SoftmaxCrossEntropy().evaluate(outputs: logits, targets: Tensor(shape: [1, 1], values: [0]), gradient: nil)
        #expect(abs(loss - logf(5)) < 1e-6)
    }

    @Test func crossEntropyIsStableForHugeLogits() {
        let logits = Tensor(shape: [1, 2], values: [1000, -1000])
        let gradient = Tensor(rows: 1, columns: 2)
        let loss = SoftmaxCrossEntropy().evaluate(outputs: logits, targets: Tensor(shape: [1, 1], values: [1]), gradient: gradient)
        #expect(abs(loss - 2000) < 1e-2)
        #expect(gradient.values == [1, -1])
    }

    @Test func mlpParameterCount() throws {
        let spec = MLPSpec(inputSize: 784, hidden: [128, 64], outputSize: 10, activation: .relu)
        #expect(spec.parameterCount == 109_386)
        let network = try Network(layers: spec.makeLayers(seed: 0), inputShape: [784], loss: SoftmaxCrossEntropy())
        #expect(network.parameterCount == 109_386)
        #expect(network.parameters.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(network.parameters[0].shape == [128, 784])
    }

    @Test func activationValuesMatchTheirDefinitions() {
        #expect(ActivationFunction.relu.value(-2) == 0)
        #expect(ActivationFunction.leakyRelu.value(-2) == -0.02)
        #expect(abs(ActivationFunction.elu.value(-1) - (expf(-1) - 1)) < 1e-7)
        #expect(abs(ActivationFunction.gelu.value(1) - 0.8413447) < 1e-6)
        for x: Float in [-7, -3, -1, -0.2, 0, 1e-4, 0.5, 1.7, 4, 9] {
            #expect(abs(fastErf(x) - erff(x)) < 2e-7, "erf(\(x))")
        }
        #expect(abs(ActivationFunction.sigmoid.value(0) - 0.5) < 1e-7)
        for x: Float in [-12, -3, -0.5, -1e-4, 0, 1e-5, 0.3, 2, 8.9, 20] {
            #expect(abs(ActivationFunction.tanh.value(x) - tanhf(x)) <= 2e-7 * max(1, abs(tanhf(x))) + 1e-12, "tanh(\(x))")
        }
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.stepDecay(every: 10, gamma: 0.5).learningRate(base: 1, step: 25, totalSteps: 100) == 0.25)
        #expect(abs(LearningRateSchedule.cosine.learningRate(base: 1, step: 50, totalSteps: 100) - 0.5) < 1e-6)
        #expect(LearningRateSchedule.cosine.learningRate(base: 1, step: 100, totalSteps: 100) < 1e-6)
        #expect(LearningRateSchedule.warmup(steps: 4).learningRate(base: 1, step: 1, totalSteps: 100) == 0.5)
        let warmupCosine = LearningRateSchedule.warmupCosine(steps: 10)
        #expect(warmupCosine.learningRate(base: 1, step: 4, totalSteps: 110) == 0.5)
        #expect(abs(warmupCosine.learningRate(base: 1, step: 60, totalSteps: 110) - 0.5) < 1e-6, "half way through the cosine")
        // One-cycle starts at max/25, peaks at step 0.3·total − 1, and ends at max/25/1e4.
        let oneCycle = LearningRateSchedule.oneCycle
        #expect(abs(oneCycle.learningRate(base: 1, step: 0, totalSteps: 100) - 0.04) < 1e-6)
        #expect(abs(oneCycle.learningRate(base: 1, step: 29, totalSteps: 100) - 1) < 1e-6)
        #expect(abs(oneCycle.learningRate(base: 1, step: 99, totalSteps: 100) - 4e-6) < 1e-9)
        // Its momentum moves the other way: 0.95 at the ends, 0.85 at the rate's peak.
        #expect(oneCycle.momentum(step: 0, totalSteps: 100) == 0.95)
        #expect(abs((oneCycle.momentum(step: 29, totalSteps: 100) ?? 0) - 0.85) < 1e-6)
        #expect(abs((oneCycle.momentum(step: 99, totalSteps: 100) ?? 0) - 0.95) < 1e-6)
        #expect(LearningRateSchedule.cosine.momentum(step: 5, totalSteps: 100) == nil)
    }

    /// A scheduled momentum is SGD's and RMSProp's momentum and Adam's beta1, and plain SGD
    /// gains a momentum buffer from it, as under PyTorch's OneCycleLR; AdaGrad has none.
    @Test func scheduledMomentumSetsMomentumOrBeta1() {
        for kind in OptimizerKind.allCases {
            let optimizer = Optimizer(settings: OptimizerSettings(kind: kind))
            optimizer.setScheduledMomentum(0.9)
            switch kind {
            case .adam, .adamw: #expect(optimizer.settings.beta1 == 0.9)
            case .adagrad: #expect(optimizer.settings.momentum == 0)
            default: #expect(optimizer.settings.momentum == 0.9, "\(kind)")
            }
        }
        // Two SGD steps on a gradient of 1 at lr 1: with momentum 0.9 the second moves 1.9.
        let parameter = Parameter(name: "p", shape: [1], isWeight: true)
        let optimizer = Optimizer(settings: OptimizerSettings(kind: .sgd, learningRate: 1))
        optimizer.setScheduledMomentum(0.9)
        for _ in 0..<2 {
            parameter.gradient.copy(from: [1])
            optimizer.step([parameter], learningRate: 1)
        }
        #expect(abs(parameter.value.values[0] - -2.9) < 1e-6)
    }

    @Test func clippingScalesToTheMaximumNorm() {
        let parameter = Parameter(name: "p", shape: [2], isWeight: true)
        parameter.gradient.copy(from: [3, 4])
        let norm = clipGradients([parameter], maximumNorm: 1)
        #expect(norm == 5)
        #expect(abs(globalGradientNorm([parameter]) - 1) < 1e-5)
    }

    @Test func safetensorsRoundTrip() throws {
        let tensors = ["0.weight": NamedTensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]), "0.bias": NamedTensor(shape: [2], values: [-1, 0.5])]
        let data = Safetensors.encode(tensors)
        #expect(try Safetensors.decode(data, source: "mem") == tensors)
        #expect(throws: SafetensorsError.self) { try Safetensors.decode(data.prefix(20), source: "mem") }
    }

    @Test func nonFiniteWeightsAreRefused() throws {
        let network = try Network(layers: [Dense(inputSize: 2, outputSize: 1)], inputShape: [2], loss: MeanSquaredError(task: .regression(outputs: 1)))
        var state = network.stateDict
        state["0.weight"]?.values[1] = .nan
        #expect(throws: SafetensorsError.self) { try network.load(stateDict: state, source: "w.safetensors") }
    }

    @Test func randomGeneratorIsSeeded() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }
}

@Suite("Vector math")
struct VectorMathTests {
    @Test func squareRootMatchesTheScalarOne() {
        let values: [Float] = [0, 1e-30, 1e-12, 2.5e-7, 0.01, 0.5, 1, 2, 1234.5, 3e20]
        for value in values {
            let root = SIMD8<Float>(repeating: value).nonNegativeSquareRoot()[3]
            #expect(abs(root - value.squareRoot()) <= 3e-7 * value.squareRoot() + 1e-30, "√\(value) = \(root)")
        }
    }

    /// The block forms (eight lanes at a time where vectorized) give exactly the scalar values.
    @Test(arguments: [ActivationFunction.gelu, .tanh, .sigmoid, .relu, .elu, .leakyRelu])
    func aBlockMatchesTheScalarForm(_ function: ActivationFunction) {
        // 21 values: two full vectors and a partial one, both signs, 0, the series' edge of tanh
        // (0.125), and the clamps of erf, tanh and the exponential.
        let inputs: [Float] = [-9, -4.2, -2, -1, -0.5, -1e-4, 0, 1e-4, 0.125, 0.3, 0.7, 1, 1.5, 2, 3, 4.2, 6, 9, 20, -20, -100]
        var outputs = [Float](repeating: .nan, count: inputs.count)
        inputs.withUnsafeBufferPointer { x in
            outputs.withUnsafeMutableBufferPointer { y in function.apply(x.baseAddress!, y.baseAddress!, count: x.count) }
        }
        for (x, y) in zip(inputs, outputs) {
            #expect(y == function.value(x), "\(function)(\(x)) = \(y), scalar \(function.value(x))")
        }
    }
}
