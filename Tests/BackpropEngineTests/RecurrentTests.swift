import Testing
@testable import BackpropEngine

@Suite("Recurrent layers")
struct RecurrentTests {
    @Test(arguments: RecurrentCell.allCases)
    func gradientsThroughTime(_ cell: RecurrentCell) throws {
        // Five steps, so every gradient crosses several time steps of the recurrence.
        let layer = Recurrent(cell: cell, inputSize: 3, hiddenSize: 4)
        #expect(try GradientCheck.check(layer: layer, inputShape: [5, 3], batch: 2, inputRange: -1...1) == [])
    }

    @Test func wideLSTMGradients() throws {
        // Nine units: eight go through the vector path, one through the scalar tail.
        let layer = Recurrent(cell: .lstm, inputSize: 2, hiddenSize: 9)
        #expect(try GradientCheck.check(layer: layer, inputShape: [3, 2], batch: 2, inputRange: -1...1) == [])
    }

    @Test func embeddingGradients() throws {
        let tokens = Tensor(shape: [2, 4], values: [0, 3, 3, 1, 2, 0, 4, 4])
        #expect(try GradientCheck.checkParameters(layer: Embedding(vocabularySize: 5, dimension: 3), input: tokens) == [])
    }

    @Test func lstmStepMatchesItsEquations() throws {
        // One step, one unit, weights chosen by hand: gates from x = 1 with W_ih = [a_i, a_f, a_g, a_o].
        let lstm = Recurrent(cell: .lstm, inputSize: 1, hiddenSize: 1)
        _ = try lstm.prepare(maxBatch: 1, inputShape: [1, 1])
        lstm.inputWeight.value.copy(from: [0.5, -1, 2, 0.25])
        let h = lstm.forward(Tensor(shape: [1, 1, 1], values: [1]), training: false)[0]
        func σ(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
        let c = σ(0.5) * tanhf(2)
        #expect(abs(h - σ(0.25) * tanhf(c)) < 1e-6)
    }

    @Test func gruStepMatchesItsEquations() throws {
        let gru = Recurrent(cell: .gru, inputSize: 1, hiddenSize: 1)
        _ = try gru.prepare(maxBatch: 1, inputShape: [2, 1])
        gru.inputWeight.value.copy(from: [0.3, -0.7, 1.5])
        gru.recurrentWeight.value.copy(from: [0.2, 0.4, -0.6])
        gru.recurrentBias.value.copy(from: [0, 0, 0.1])
        let outputs = gru.forward(Tensor(shape: [1, 2, 1], values: [1, -1]), training: false).values
        func σ(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
        // Step 1 from h = 0.
        let r1 = σ(0.3), z1 = σ(-0.7), n1 = tanhf(1.5 + r1 * 0.1)
        let h1 = (1 - z1) * n1
        // Step 2 from h1 with x = −1.
        let r2 = σ(-0.3 + 0.2 * h1), z2 = σ(0.7 + 0.4 * h1), n2 = tanhf(-1.5 + r2 * (-0.6 * h1 + 0.1))
        #expect(abs(outputs[0] - h1) < 1e-6)
        #expect(abs(outputs[1] - ((1 - z2) * n2 + z2 * h1)) < 1e-6)
    }

    @Test func denseAppliesToEveryStep() throws {
        #expect(try GradientCheck.check(layer: Dense(inputSize: 3, outputSize: 2), inputShape: [4, 3], batch: 2) == [])
        #expect(try Dense(inputSize: 3, outputSize: 2).prepare(maxBatch: 1, inputShape: [4, 3]) == [4, 2])
        #expect(throws: ModelError.self) { try Dense(inputSize: 12, outputSize: 2).prepare(maxBatch: 1, inputShape: [4, 3]) }
    }

    @Test func crossEntropyScoresEveryStep() {
        // Two samples of three steps over four classes: the mean of six per-step losses.
        let logits = Tensor(rows: 2, sampleShape: [3, 4])
        for i in 0..<logits.count { logits[i] = Float(i % 5) * 0.3 - 0.4 }
        let targets = Tensor(shape: [2, 3], values: [0, 1, 2, 3, 0, 1])
        #expect(GradientCheck.check(loss: SoftmaxCrossEntropy(), outputs: logits, targets: targets) == [])
        var total: Float = 0
        var right = 0
        for row in 0..<6 {
            let z = (0..<4).map { logits[row * 4 + $0] }
            total += log(z.map { expf($0) }.reduce(0, +)) - z[Int(targets[row])]
            if z.firstIndex(of: z.max()!) == Int(targets[row]) { right += 1 }
        }
        #expect(abs(SoftmaxCrossEntropy().evaluate(outputs: logits, targets: targets, gradient: nil) - total / 6) < 1e-6)
        #expect(countCorrect(outputs: logits, targets: targets) == right, "one verdict per step")
    }

    @Test func parameterNamesFollowPyTorch() throws {
        let network = try Network(layers: [Embedding(vocabularySize: 10, dimension: 4), Recurrent(cell: .lstm, inputSize: 4, hiddenSize: 8)],
                                  inputShape: [6], loss: MeanSquaredError(task: .regression(outputs: 1)))
        #expect(network.stateDict.keys.sorted() == ["0.weight", "1.bias_hh_l0", "1.bias_ih_l0", "1.weight_hh_l0", "1.weight_ih_l0"])
        #expect(network.stateDict["1.weight_ih_l0"]?.shape == [32, 4])
    }

    /// A forget-gate bias sets b_ih's forget slice and zeroes b_hh's, after PyTorch's draws:
    /// every other number is what the default initialization gives for the same seed.
    @Test func forgetGateBiasSetsOnlyTheForgetSlice() {
        let hidden = 5
        let standard = Recurrent(cell: .lstm, inputSize: 3, hiddenSize: hidden)
        let opened = Recurrent(cell: .lstm, inputSize: 3, hiddenSize: hidden)
        opened.forgetGateBias = 2
        var first = RandomGenerator(seed: 7)
        var second = RandomGenerator(seed: 7)
        standard.initialize(random: &first)
        opened.initialize(random: &second)
        let forget = hidden..<(2 * hidden)
        for (a, b) in zip(standard.parameters, opened.parameters) {
            for i in 0..<a.count {
                switch (a.name, forget.contains(i)) {
                case ("bias_ih_l0", true): #expect(b.value[i] == 2)
                case ("bias_hh_l0", true): #expect(b.value[i] == 0)
                default: #expect(b.value[i] == a.value[i], "\(a.name)[\(i)] unchanged")
                }
            }
        }
        // nil keeps PyTorch's draw: U(-1/√hidden, 1/√hidden), so not one repeated constant.
        let bound = 1 / Float(hidden).squareRoot()
        for bias in standard.parameters where bias.name.hasPrefix("bias_") {
            let slice = forget.map { bias.value[$0] }
            #expect(slice.allSatisfy { abs($0) <= bound }, "\(bias.name) \(slice)")
            #expect(Set(slice).count > 1, "\(bias.name) \(slice)")
        }
    }
}
