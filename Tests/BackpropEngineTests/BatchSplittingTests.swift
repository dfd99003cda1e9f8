import Testing
@testable import BackpropEngine

/// Training each batch in parts on several cores must give the run one pass over the whole
/// batch gives, up to the order of float sums.
@Suite("Batches split across cores")
struct BatchSplittingTests {
    /// Small models of the kinds that split: a CNN with dropout, an LSTM and a transformer,
    /// and a CNN with batch normalization over both images and features, one of them first.
    enum Model: CaseIterable {
        case cnn, lstm, transformer, cnnWithBatchNorm

        func layers(seed: UInt64) throws -> [any Layer] {
            switch self {
            case .cnn:
                // Dropout must draw the masks one pass over the whole batch would.
                return try CNNSpec(inputShape: [1, 6, 6], channels: [2], kernel: 3, padding: [1], hidden: [5], outputSize: 3,
                                   dropout: 0.3).makeLayers(seed: seed)
            case .cnnWithBatchNorm:
                // PyTorch's order: the batch norm sits between a layer and its activation.
                let convolutional = try CNNSpec(inputShape: [1, 6, 6], channels: [2], kernel: 3, padding: [1], batchNorm: true,
                                                hidden: [], outputSize: 5).makeLayers(seed: seed)
                return [BatchNorm(channels: 1, layout: .images)] + convolutional
                    + [BatchNorm(channels: 5, layout: .features), Activation(.tanh), Dense(inputSize: 5, outputSize: 3)]
            case .lstm:
                return [Embedding(vocabularySize: 4, dimension: 3), Recurrent(cell: .lstm, inputSize: 3, hiddenSize: 4),
                        Dense(inputSize: 4, outputSize: 4)]
            case .transformer:
                return [Embedding(vocabularySize: 4, dimension: 8), PositionalEncoding(.learned, steps: 5, width: 8),
                        TransformerBlock(modelWidth: 8, heads: 2, causal: true), LayerNorm(features: 8),
                        Dense(inputSize: 8, outputSize: 4)]
            }
        }

        var isConvolutional: Bool { self == .cnn || self == .cnnWithBatchNorm }
        var inputShape: [Int] { isConvolutional ? [1, 6, 6] : [5] }

        /// 55 samples: two batches of 25 (three parts of 8, 8 and 9 with two replicas, two of
        /// 12 and 13 with one) and a last batch of 5, too small to split.
        func data() -> DataSplit {
            var random = RandomGenerator(seed: 9)
            let count = 55
            let train: TensorDataset
            if isConvolutional {
                train = TensorDataset(inputs: (0..<count * 36).map { _ in Float(random.uniform(-1, 1)) },
                                      targets: (0..<count).map { _ in Float(random.index(below: 3)) },
                                      inputShape: inputShape, task: .classification(classes: 3))
            } else {
                train = TensorDataset(inputs: (0..<count * 5).map { _ in Float(random.index(below: 4)) },
                                      targets: (0..<count * 5).map { _ in Float(random.index(below: 4)) },
                                      inputShape: inputShape, task: .classification(classes: 4), targetWidth: 5)
            }
            return DataSplit(train: train, validation: train.subset(Array(0..<30)))
        }

        func network() throws -> Network {
            let network = try Network(layers: layers(seed: 1), inputShape: inputShape, loss: SoftmaxCrossEntropy())
            var random = RandomGenerator(seed: 2)
            network.initialize(.pytorch, random: &random)
            return network
        }

        func trainer(replicas: Int, penalty: Penalty = Penalty()) throws -> Trainer {
            // Plain SGD: Adam would turn float noise on a near-zero gradient into a full step.
            let settings = TrainingSettings(batchSize: 25, optimizer: OptimizerSettings(kind: .sgd, learningRate: 0.5),
                                            penalty: penalty, epochs: 2)
            let trainer = try Trainer(network: network(), data: data(), settings: settings, seed: 3)
            let others = try (0..<replicas).map { _ in try Network(layers: layers(seed: 1), inputShape: inputShape, loss: SoftmaxCrossEntropy()) }
            if replicas > 0 { #expect(try trainer.splitBatchesWhenPossible(across: others)) }
            return trainer
        }
    }

    /// The largest difference between the two networks' parameters and running statistics.
    static func maximumDifference(_ a: Network, _ b: Network) -> Float {
        var worst: Float = 0
        let state = { (network: Network) in network.parameters + network.layers.flatMap(\.stateBuffers) }
        for (p, q) in zip(state(a), state(b)) {
            for i in 0..<p.count { worst = max(worst, abs(p.value[i] - q.value[i])) }
        }
        return worst
    }

    @Test(arguments: Model.allCases, [1, 2])
    func splitTrainingMatchesWholeBatches(model: Model, replicas: Int) throws {
        let whole = try model.trainer(replicas: 0, penalty: Penalty(l2: 0.01))
        let split = try model.trainer(replicas: replicas, penalty: Penalty(l2: 0.01))
        #expect(split.batchParts == replicas + 1 && whole.batchParts == 1)
        for _ in 0..<2 {
            let expected = try #require(whole.trainEpoch()), actual = try #require(split.trainEpoch())
            #expect(abs(expected.trainLoss - actual.trainLoss) < 1e-5, "the penalty is counted once, the parts weighted by size")
            #expect(expected.trainAccuracy == actual.trainAccuracy)
            #expect(abs(expected.validation.loss - actual.validation.loss) < 1e-5)
            #expect(expected.validation.accuracy == actual.validation.accuracy)
        }
        let difference = Self.maximumDifference(whole.network, split.network)
        #expect(difference < 1e-5, "weights after 6 steps differ by \(difference)")
        #expect(difference > 0 || model.isConvolutional, "the parts really ran (float sums in another order)")
    }

    @Test func aReplicaSeesTheMainNetworksWeightsAsTheyChange() throws {
        let main = try Model.lstm.network()
        let replica = try Network(layers: Model.lstm.layers(seed: 1), inputShape: [5], loss: SoftmaxCrossEntropy())
        try replica.shareParameterValues(with: main)
        let input = Tensor(shape: [1, 5], values: [0, 1, 2, 3, 1])
        #expect(replica.forward(input, training: false).values == main.forward(input, training: false).values)
        // An optimizer step touches the main network only; the replica computes with it.
        for parameter in main.parameters { for i in 0..<parameter.count { parameter.value[i] *= 0.5 } }
        let halved = main.forward(input, training: false).values
        #expect(replica.forward(input, training: false).values == halved)
    }

    @Test func batchNormalizedRunningStatisticsMatchTheWholeBatchAndAreShared() throws {
        let whole = try Model.cnnWithBatchNorm.trainer(replicas: 0), split = try Model.cnnWithBatchNorm.trainer(replicas: 1)
        _ = split.trainEpoch()
        _ = whole.trainEpoch()
        let norms = { (network: Network) in network.layers.compactMap { $0 as? BatchNorm } }
        for (wholeNorm, splitNorm) in zip(norms(whole.network), norms(split.network)) {
            #expect(splitNorm.batchesTracked.value[0] == 3, "two split batches and a whole one, each counted once")
            for channel in 0..<wholeNorm.channels {
                #expect(abs(wholeNorm.runningVariance.value[channel] - splitNorm.runningVariance.value[channel]) < 1e-6)
                #expect(abs(wholeNorm.runningMean.value[channel] - splitNorm.runningMean.value[channel]) < 1e-6)
                #expect(splitNorm.runningVariance.value[channel] != 1, "the running variance moved")
            }
        }
    }

    @Test func stateOutsideTopLevelBatchNormAndCarriedStateKeepBatchesWhole() throws {
        // A batch norm inside a residual block: its statistics would cover one part.
        let nested = { try Network(layers: [Dense(inputSize: 4, outputSize: 4),
                                            Residual([BatchNorm(channels: 4, layout: .features), Activation(.relu)])],
                                   inputShape: [4], loss: SoftmaxCrossEntropy()) }
        #expect(throws: ModelError.self) { try nested().shareParameterValues(with: nested()) }
        // As large as LeNet with batch normalization, which now splits.
        let lenetWithBatchNorm = try Network(layers: CNNSpec(inputShape: [1, 28, 28], channels: [6, 16], kernel: 5, padding: [2, 0],
                                                             batchNorm: true, hidden: [120, 84], outputSize: 10).makeLayers(seed: 1),
                                             inputShape: [1, 28, 28], loss: SoftmaxCrossEntropy())
        #expect(BatchShards.isWorthwhile(lenetWithBatchNorm, batchSize: 64))

        let stateful = try TruncatedBPTTTests.statefulTrainer(TruncatedBPTTTests.network(seed: 1))
        #expect(try !stateful.splitBatchesWhenPossible(across: [TruncatedBPTTTests.network(seed: 1)]))
        #expect(Trainer.replicaCount(for: stateful.network, settings: stateful.settings) == 0, "no replicas are built for nothing")
    }

    @Test func onlyNetworksThatReuseWeightsWithinASampleAreWorthSplitting() throws {
        let mlp = try Network(layers: MLPSpec(inputSize: 784, hidden: [128, 64], outputSize: 10, activation: .relu).makeLayers(seed: 1),
                              inputShape: [784], loss: SoftmaxCrossEntropy())
        #expect(!BatchShards.isWorthwhile(mlp, batchSize: 64), "OpenBLAS already spreads a dense layer's GEMM")
        let lenet = try Network(layers: CNNSpec(inputShape: [1, 28, 28], channels: [6, 16], kernel: 5, padding: [2, 0],
                                                hidden: [120, 84], outputSize: 10).makeLayers(seed: 1),
                                inputShape: [1, 28, 28], loss: SoftmaxCrossEntropy())
        #expect(BatchShards.isWorthwhile(lenet, batchSize: 64))
        #expect(!BatchShards.isWorthwhile(lenet, batchSize: 8), "parts of 4 samples are too small")
        #expect(!BatchShards.isWorthwhile(try Model.cnn.network(), batchSize: 64), "too little work per step")
    }
}
