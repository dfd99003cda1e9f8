import Testing
@testable import BackpropEngine

@Suite("Finite-difference gradient checks")
struct LayerGradientTests {
    @Test func dense() throws {
        #expect(try GradientCheck.check(layer: Dense(inputSize: 5, outputSize: 3), inputShape: [5], batch: 4) == [])
    }

    @Test(arguments: ActivationFunction.allCases)
    func activation(_ function: ActivationFunction) throws {
        // Kinked functions are checked away from 0, where the derivative is defined.
        let failures = try GradientCheck.check(layer: Activation(function), inputShape: [6], batch: 3, avoidNearZero: true)
        #expect(failures == [])
    }

    @Test func softmax() throws {
        #expect(try GradientCheck.check(layer: Softmax(), inputShape: [4], batch: 3) == [])
    }

    @Test func dropoutInEvaluationIsIdentity() throws {
        let dropout = Dropout(probability: 0.5, seed: 1)
        _ = try dropout.prepare(maxBatch: 2, inputShape: [3])
        let input = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(dropout.forward(input, training: false).values == input.values)
    }

    @Test func dropoutGradientFollowsItsMask() throws {
        let dropout = Dropout(probability: 0.5, seed: 3)
        _ = try dropout.prepare(maxBatch: 50, inputShape: [4])
        let input = Tensor(rows: 50, columns: 4)
        input.fill(1)
        let output = dropout.forward(input, training: true).values
        #expect(Set(output) == [0, 2], "survivors are scaled by 1/(1-p)")
        let gradient = Tensor(rows: 50, columns: 4)
        gradient.fill(1)
        #expect(dropout.backward(gradient, needsInputGradient: true)!.values == output)
    }

    @Test(arguments: [LossKind.mse, .crossEntropy, .kl])
    func multiClassLoss(_ kind: LossKind) {
        let outputs = Tensor(shape: [3, 4], values: [0.3, -1.2, 2.0, 0.1, 1.5, 0.2, -0.7, 0.9, -0.4, 0.8, 0.05, -1.1])
        let targets = Tensor(shape: [3, 1], values: [2, 0, 3])
        #expect(GradientCheck.check(loss: kind.make(for: .classification(classes: 4)), outputs: outputs, targets: targets) == [])
    }

    @Test func klWithDistributionTargets() {
        let outputs = Tensor(shape: [2, 3], values: [0.3, -1.2, 2.0, 1.5, 0.2, -0.7])
        let targets = Tensor(shape: [2, 3], values: [0.2, 0.5, 0.3, 0.0, 0.9, 0.1])
        #expect(GradientCheck.check(loss: KLDivergence(task: .classification(classes: 3)), outputs: outputs, targets: targets) == [])
    }

    @Test(arguments: [LossKind.mse, .bce])
    func binaryLoss(_ kind: LossKind) {
        let outputs = Tensor(shape: [4, 1], values: [0.3, -1.2, 2.0, -0.1])
        let targets = Tensor(shape: [4, 1], values: [1, 0, 0, 1])
        #expect(GradientCheck.check(loss: kind.make(for: .classification(classes: 2)), outputs: outputs, targets: targets) == [])
    }

    @Test func regressionMSE() {
        let outputs = Tensor(shape: [3, 2], values: [0.3, -1.2, 2.0, -0.1, 0.5, 0.7])
        let targets = Tensor(shape: [3, 2], values: [1, 0.5, -0.3, 1, 0, 2])
        #expect(GradientCheck.check(loss: MeanSquaredError(task: .regression(outputs: 2)), outputs: outputs, targets: targets) == [])
    }

    @Test func penaltiesAddTheirGradient() throws {
        let network = try Network(layers: [Dense(inputSize: 2, outputSize: 2)], inputShape: [2],
                                  loss: MeanSquaredError(task: .regression(outputs: 2)), penalty: Penalty(l1: 0.3, l2: 0.5))
        let weight = network.parameters[0]
        weight.value.copy(from: [1, -2, 0.5, 0])
        weight.gradient.zero()
        let value = network.penalty.apply(to: network.parameters)
        #expect(abs(value - (0.3 * 3.5 + 0.25 * 5.25)) < 1e-5)
        #expect(weight.gradient.values == [0.3 + 0.5, -0.3 - 1.0, 0.3 + 0.25, 0])
        #expect(network.parameters[1].gradient.values == [0, 0], "biases take no penalty")
    }

    @Test func wholeNetworkGradientMatchesFiniteDifferences() throws {
        var random = RandomGenerator(seed: 11)
        let spec = MLPSpec(inputSize: 3, hidden: [5, 4], outputSize: 3, activation: .tanh)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [3], loss: SoftmaxCrossEntropy(), penalty: Penalty(l1: 0.01, l2: 0.02))
        try network.prepare(maxBatch: 4)
        network.initialize(.xavier, random: &random)
        // L1's |w| has a kink at 0; keep weights a finite-difference step away from it.
        for parameter in network.parameters where parameter.isWeight {
            for i in 0..<parameter.count where abs(parameter.value[i]) < 0.05 { parameter.value[i] += 0.1 }
        }
        let inputs = Tensor(shape: [4, 3], values: (0..<12).map { _ in Float(random.uniform(-1, 1)) })
        let targets = Tensor(shape: [4, 1], values: [0, 2, 1, 2])
        network.computeGradients(inputs: inputs, targets: targets)
        let analytic = network.parameters.map { $0.gradient.values }
        func loss() -> Float {
            let outputs = network.forward(inputs, training: false)
            return network.loss.evaluate(outputs: outputs, targets: targets, gradient: nil) + network.penalty.value(of: network.parameters)
        }
        var failures: [String] = []
        for (p, parameter) in network.parameters.enumerated() {
            for i in 0..<parameter.count {
                let numeric = GradientCheck.numericDerivative(of: loss, at: parameter.value.data + i)
                if let failure = GradientCheck.assertClose(analytic[p][i], numeric, "\(parameter.name)[\(i)]") { failures.append(failure) }
            }
        }
        #expect(failures == [])
    }
}
