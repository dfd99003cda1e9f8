import Testing
@testable import BackpropEngine

@Suite("Attention layers")
struct AttentionTests {
    @Test func layerNormGradients() throws {
        #expect(try GradientCheck.check(layer: LayerNorm(features: 5), inputShape: [3, 5], batch: 2) == [])
    }

    /// Layer norm measures and back-propagates four rows at a time: every figure must be the
    /// one a row gets on its own, bit for bit, and dγ, dβ the rows' terms added in row order.
    @Test func layerNormFourRowsAtATimeMatchRowsAlone() throws {
        let features = 64, rows = 7
        let whole = LayerNorm(features: features), alone = LayerNorm(features: features)
        _ = try whole.prepare(maxBatch: rows, inputShape: [features])
        _ = try alone.prepare(maxBatch: 1, inputShape: [features])
        var random = RandomGenerator(seed: 5)
        for layer in [whole, alone] { layer.weight.value.fill(0); layer.bias.value.fill(0) }
        for i in 0..<features {
            let (gamma, beta) = (Float(random.uniform(0.5, 1.5)), Float(random.uniform(-1, 1)))
            for layer in [whole, alone] { layer.weight.value[i] = gamma; layer.bias.value[i] = beta }
        }
        let x = Tensor(rows: rows, columns: features), dy = Tensor(rows: rows, columns: features)
        for i in 0..<x.count { x[i] = Float(random.uniform(-3, 3)); dy[i] = Float(random.uniform(-1, 1)) }
        let y = whole.forward(x, training: true).values
        let dx = try #require(whole.backward(dy, needsInputGradient: true)).values
        var dGamma = [Float](repeating: 0, count: features), dBeta = dGamma
        for row in 0..<rows {
            let range = row * features..<(row + 1) * features
            let rowOutput = alone.forward(Tensor(shape: [1, features], values: Array(x.values[range])), training: true).values
            #expect(rowOutput == Array(y[range]), "row \(row)'s output")
            let rowGradient = try #require(alone.backward(Tensor(shape: [1, features], values: Array(dy.values[range])), needsInputGradient: true))
            #expect(rowGradient.values == Array(dx[range]), "row \(row)'s input gradient")
            for j in 0..<features {
                dGamma[j] += alone.weight.gradient[j]
                dBeta[j] += alone.bias.gradient[j]
            }
        }
        #expect(whole.weight.gradient.values == dGamma)
        #expect(whole.bias.gradient.values == dBeta)
    }

    @Test(arguments: [false, true])
    func attentionGradients(causal: Bool) throws {
        let layer = MultiHeadAttention(modelWidth: 4, heads: 2, causal: causal)
        #expect(try GradientCheck.check(layer: layer, inputShape: [3, 4], batch: 2, inputRange: -1...1) == [])
    }

    @Test func causalAttentionNeverLooksAhead() throws {
        let layer = MultiHeadAttention(modelWidth: 4, heads: 2, causal: true)
        _ = try layer.prepare(maxBatch: 1, inputShape: [4, 4])
        var random = RandomGenerator(seed: 1)
        for parameter in layer.parameters { for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) } }
        let x = Tensor(rows: 1, sampleShape: [4, 4])
        for i in 0..<x.count { x[i] = Float(random.uniform(-1, 1)) }
        let before = layer.forward(x, training: false).values
        // Changing the last step must leave every earlier step's output as it was.
        for j in 0..<4 { x[12 + j] += 1 }
        let after = layer.forward(x, training: false).values
        #expect(Array(before.prefix(12)) == Array(after.prefix(12)))
        #expect(Array(before.suffix(4)) != Array(after.suffix(4)))
        let weights = layer.attentionWeights(sample: 0, head: 1)
        #expect(weights[1] == 0 && weights[2] == 0 && abs(weights[0] - 1) < 1e-6, "step 0 attends only to itself")
    }

    /// The view accessors copy what the forward pass used: each row of the map sums to 1 and
    /// equals softmax(q·k/√dh) recomputed from the copied queries and keys of the same sample.
    @Test(arguments: [false, true])
    func attentionMapMatchesItsRecomputation(causal: Bool) throws {
        let layer = MultiHeadAttention(modelWidth: 6, heads: 2, causal: causal)
        _ = try layer.prepare(maxBatch: 3, inputShape: [5, 6])
        var random = RandomGenerator(seed: 7)
        for parameter in layer.parameters { for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) } }
        let x = Tensor(rows: 3, sampleShape: [5, 6])
        for i in 0..<x.count { x[i] = Float(random.uniform(-1, 1)) }
        _ = layer.forward(x, training: false)
        let map = layer.attentionMap(sample: 2, head: 1)
        let (queries, keys, _) = layer.headProjections(sample: 2, head: 1)
        #expect(map.count == 25 && queries.count == 5 && keys[0].count == 3)
        for query in 0..<5 {
            let row = Array(map[query * 5 ..< query * 5 + 5])
            #expect(abs(row.reduce(0, +) - 1) < 1e-5, "row \(query) sums to \(row.reduce(0, +))")
            let visible = causal ? query + 1 : 5
            let scores = (0..<visible).map { key in zip(queries[query], keys[key]).map(*).reduce(0, +) / Float(3).squareRoot() }
            let largest = scores.max()!
            let total = scores.map { expf($0 - largest) }.reduce(0, +)
            for key in 0..<5 {
                let expected = key < visible ? expf(scores[key] - largest) / total : 0
                #expect(abs(row[key] - expected) < 1e-5, "query \(query) key \(key): \(row[key]) vs \(expected)")
            }
        }
        #expect(map != layer.attentionMap(sample: 1, head: 1), "each sample has its own map")
    }
}

@Suite("Transformer parts")
struct TransformerTests {
    @Test(arguments: [false, true])
    func blockGradients(causal: Bool) throws {
        let block = TransformerBlock(modelWidth: 4, heads: 2, causal: causal)
        #expect(try GradientCheck.check(layer: block, inputShape: [3, 4], batch: 2, inputRange: -1...1) == [])
    }

    @Test func learnedPositionsGradients() throws {
        #expect(try GradientCheck.check(layer: PositionalEncoding(.learned, steps: 3, width: 4), inputShape: [3, 4], batch: 2) == [])
    }

    @Test func sinusoidalTableFollowsTheFormula() {
        let encoding = PositionalEncoding(.sinusoidal, steps: 5, width: 6)
        #expect(encoding.parameters.isEmpty, "the sinusoidal table is fixed")
        #expect(encoding.weight.value[0, 0] == 0 && encoding.weight.value[0, 1] == 1)
        #expect(abs(encoding.weight.value[3, 2] - Float(sin(3 / pow(10_000, 2.0 / 6)))) < 1e-6)
        #expect(abs(encoding.weight.value[3, 5] - Float(cos(3 / pow(10_000, 4.0 / 6)))) < 1e-6)
    }

    @Test func blockParameterNamesFollowPyTorchSubmodules() throws {
        let network = try Network(layers: [TransformerBlock(modelWidth: 8, heads: 2, causal: true)], inputShape: [4, 8],
                                  loss: MeanSquaredError(task: .regression(outputs: 8)))
        #expect(network.parameters.map(\.name) == [
            "0.norm1.weight", "0.norm1.bias", "0.self_attn.in_proj_weight", "0.self_attn.in_proj_bias",
            "0.self_attn.out_proj.weight", "0.self_attn.out_proj.bias", "0.norm2.weight", "0.norm2.bias",
            "0.linear1.weight", "0.linear1.bias", "0.linear2.weight", "0.linear2.bias",
        ])
        var random = RandomGenerator(seed: 1)
        network.initialize(.pytorch, random: &random)
        #expect(network.parameters[2].value.values.contains { $0 != 0 }, "the attention starts from random weights")
    }
}
