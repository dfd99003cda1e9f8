import Testing
@testable import BackpropEngine

/// The state a recurrent layer carries between batches (truncated BPTT) and the per-step
/// gradient norms it records for the vanishing-gradient view.
@Suite("Recurrent state and per-step gradients")
struct RecurrentStateTests {
    /// A layer with random weights in ±0.8, prepared for `steps` steps of 2 inputs.
    static func layer(_ cell: RecurrentCell, steps: Int, batch: Int, seed: UInt64 = 3) throws -> Recurrent {
        let layer = Recurrent(cell: cell, inputSize: 2, hiddenSize: 3)
        _ = try layer.prepare(maxBatch: batch, inputShape: [steps, 2])
        var random = RandomGenerator(seed: seed)
        for parameter in layer.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-0.8, 0.8)) }
        }
        return layer
    }

    static func randomTensor(rows: Int, shape: [Int], seed: UInt64) -> Tensor {
        var random = RandomGenerator(seed: seed)
        let tensor = Tensor(rows: rows, sampleShape: shape)
        for i in 0..<tensor.count { tensor[i] = Float(random.uniform(-1, 1)) }
        return tensor
    }

    /// Σ r ⊙ layer(x) with a fixed projection r, the scalar the gradient checks differentiate.
    static func objective(_ layer: Recurrent, _ input: Tensor, _ projection: Tensor) -> Float {
        let output = layer.forward(input, training: true)
        var sum: Double = 0
        for i in 0..<output.count { sum += Double(output[i] * projection[i]) }
        return Float(sum)
    }

    @Test(arguments: RecurrentCell.allCases)
    func parameterGradientsWithAGivenInitialState(_ cell: RecurrentCell) throws {
        let layer = try Self.layer(cell, steps: 4, batch: 2)
        let input = Self.randomTensor(rows: 2, shape: [4, 2], seed: 11)
        let projection = Self.randomTensor(rows: 2, shape: [4, 3], seed: 12)
        let start = Self.randomTensor(rows: 2, shape: [3], seed: 13), startCell = Self.randomTensor(rows: 2, shape: [3], seed: 14)
        layer.initialHidden.data.update(from: start.data, count: 6)
        layer.initialCell.data.update(from: startCell.data, count: 6)
        layer.usesInitialState = true
        let withState = Self.objective(layer, input, projection)
        _ = layer.backward(projection, needsInputGradient: false)
        var failures: [String] = []
        for parameter in layer.parameters {
            let analytic = parameter.gradient.values
            for i in 0..<parameter.count {
                let numeric = GradientCheck.numericDerivative(of: { Self.objective(layer, input, projection) }, at: parameter.value.data + i)
                if let failure = GradientCheck.assertClose(analytic[i], numeric, "\(parameter.name)[\(i)]") { failures.append(failure) }
            }
        }
        #expect(failures == [])
        layer.usesInitialState = false
        #expect(abs(Self.objective(layer, input, projection) - withState) > 1e-3, "the initial state changes the outputs")
    }

    @Test(arguments: RecurrentCell.allCases)
    func carriedStateContinuesTheSequence(_ cell: RecurrentCell) throws {
        // Six steps in one pass equal three steps, then three more from the carried state.
        let whole = try Self.layer(cell, steps: 6, batch: 2), half = try Self.layer(cell, steps: 3, batch: 2)
        let input = Self.randomTensor(rows: 2, shape: [6, 2], seed: 21)
        let expected = whole.forward(input, training: true).values
        let first = Tensor(rows: 2, sampleShape: [3, 2]), second = Tensor(rows: 2, sampleShape: [3, 2])
        for b in 0..<2 {
            (first.data + b * 6).update(from: input.data + b * 12, count: 6)
            (second.data + b * 6).update(from: input.data + b * 12 + 6, count: 6)
        }
        half.clearState()
        half.usesInitialState = true
        _ = half.forward(first, training: true)
        half.keepFinalState()
        let continued = half.forward(second, training: true).values
        for b in 0..<2 {
            for i in 0..<9 { #expect(abs(continued[b * 9 + i] - expected[b * 18 + 9 + i]) < 1e-5) }
        }
    }

    @Test(arguments: RecurrentCell.allCases)
    func stepGradientNormsMatchFiniteDifferences(_ cell: RecurrentCell) throws {
        // L = r · h_{T−1}, as a model that answers at the last step. ∂L/∂h_t is checked by
        // running steps t+1… from h_t (and c_t) as the initial state and nudging it.
        let steps = 5, batch = 2
        let layer = try Self.layer(cell, steps: steps, batch: batch)
        let input = Self.randomTensor(rows: batch, shape: [steps, 2], seed: 31)
        let lastOnly = Tensor(rows: batch, sampleShape: [steps, 3])
        let readout = Self.randomTensor(rows: batch, shape: [3], seed: 32)
        for b in 0..<batch { (lastOnly.data + (b * steps + steps - 1) * 3).update(from: readout.data + b * 3, count: 3) }
        _ = layer.forward(input, training: true)
        let trace = (0..<batch).map { layer.trace(sample: $0, steps: steps) }
        layer.recordsStepGradientNorms = true
        _ = layer.backward(lastOnly, needsInputGradient: false)
        let norms = layer.stepGradientNorms
        #expect(norms.count == steps)
        #expect(abs(norms[steps - 1] - Summary(readout.data, count: 6).norm) < 1e-5, "the last step's gradient is the readout")
        for t in 0..<(steps - 1) {
            let rest = steps - 1 - t
            let tail = try Self.layer(cell, steps: rest, batch: batch)
            let tailInput = Tensor(rows: batch, sampleShape: [rest, 2])
            let tailProjection = Tensor(rows: batch, sampleShape: [rest, 3])
            for b in 0..<batch {
                (tailInput.data + b * rest * 2).update(from: input.data + (b * steps + t + 1) * 2, count: rest * 2)
                (tailProjection.data + (b * rest + rest - 1) * 3).update(from: readout.data + b * 3, count: 3)
                (tail.initialHidden.data + b * 3).update(from: trace[b].hidden[t], count: 3)
                if cell == .lstm { (tail.initialCell.data + b * 3).update(from: trace[b].cellState[t], count: 3) }
            }
            tail.usesInitialState = true
            var sum: Float = 0
            for i in 0..<(batch * 3) {
                let derivative = GradientCheck.numericDerivative(of: { Self.objective(tail, tailInput, tailProjection) },
                                                                 at: tail.initialHidden.data + i)
                sum += derivative * derivative
            }
            #expect(abs(norms[t] - sum.squareRoot()) < 2e-3 + 0.02 * norms[t], "step \(t): recorded \(norms[t]), numeric \(sum.squareRoot())")
        }
    }

    @Test func lastStepsKeepsTheRecallWindow() throws {
        #expect(try GradientCheck.check(layer: LastSteps(count: 2), inputShape: [5, 3], batch: 2) == [])
        let layer = LastSteps(count: 2)
        #expect(try layer.prepare(maxBatch: 1, inputShape: [4, 1]) == [2, 1])
        #expect(layer.forward(Tensor(shape: [1, 4, 1], values: [1, 2, 3, 4]), training: false).values == [3, 4])
        #expect(throws: ModelError.self) { try LastSteps(count: 5).prepare(maxBatch: 1, inputShape: [4, 1]) }
    }

    @Test func lastStepDropsTheStepAxis() throws {
        #expect(try GradientCheck.check(layer: LastSteps.lastStep(), inputShape: [5, 3], batch: 2) == [])
        let layer = LastSteps.lastStep()
        #expect(try layer.prepare(maxBatch: 2, inputShape: [3, 2]) == [2])
        let x = Tensor(shape: [2, 3, 2], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(layer.forward(x, training: false).values == [5, 6, 11, 12])
        #expect(layer.kind == "LastStep" && layer.descriptor == LayerDescriptor(type: "last_step"))
    }
}
