import Testing
@testable import BackpropEngine

/// Training on a stream in consecutive chunks: each batch starts from the final state of
/// the one before, and its gradients stop at the chunk boundary.
@Suite("Truncated BPTT across batches")
struct TruncatedBPTTTests {
    @Test func streamOrderMakesEachRowContinueTheLastBatch() {
        // Twelve chunks as four streams of three: batch k holds chunk k of every stream.
        #expect(Trainer.streamOrder(count: 12, lanes: 4) == [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11])
        #expect(Trainer.streamOrder(count: 7, lanes: 3) == [0, 2, 4, 1, 3, 5], "the chunk left over is dropped")
        #expect(Trainer.streamOrder(count: 2, lanes: 4) == [0, 1])
    }

    /// Twelve chunks of three tokens cut from one stream of 37, each target the next token.
    static func streamData() -> TensorDataset {
        var random = RandomGenerator(seed: 4)
        let stream = (0..<37).map { _ in Float(random.index(below: 5)) }
        return TensorDataset(inputs: Array(stream[0..<36]), targets: Array(stream[1..<37]), inputShape: [3],
                             task: .classification(classes: 5), targetWidth: 3)
    }

    static func network(seed: UInt64) throws -> Network {
        let network = try Network(layers: [Embedding(vocabularySize: 5, dimension: 2), Recurrent(cell: .lstm, inputSize: 2, hiddenSize: 3),
                                           Dense(inputSize: 3, outputSize: 5)], inputShape: [3], loss: SoftmaxCrossEntropy())
        var random = RandomGenerator(seed: seed)
        network.initialize(.pytorch, random: &random)
        return network
    }

    /// A trainer that carries state, with a learning rate of 0 so the weights stay put.
    static func statefulTrainer(_ network: Network) throws -> Trainer {
        var settings = TrainingSettings(batchSize: 4, optimizer: OptimizerSettings(kind: .sgd, learningRate: 0), epochs: 1)
        settings.carriesRecurrentState = true
        let data = streamData()
        return try Trainer(network: network, data: DataSplit(train: data, validation: data), settings: settings, seed: 1)
    }

    /// The inputs of `chunks` as one batch.
    static func batch(_ chunks: [Int]) -> Tensor {
        let data = streamData()
        let tensor = Tensor(rows: chunks.count, sampleShape: [3])
        let targets = Tensor(rows: chunks.count, sampleShape: [3])
        data.fillBatch(indices: chunks[...], inputs: tensor.data, targets: targets.data)
        return tensor
    }

    @Test func stateIsCarriedFromBatchToBatch() throws {
        let network = try Self.network(seed: 2)
        let trainer = try Self.statefulTrainer(network)
        #expect(trainer.stepsPerEpoch == 3)
        trainer.trainStep()
        let recurrent = try #require(network.layers[1] as? Recurrent)
        let carried = (0..<4).map { recurrent.carriedHidden(sample: $0) }
        // The state after chunks 0, 3, 6, 9 read from zeros.
        let fresh = try Self.network(seed: 2)
        try fresh.prepare(maxBatch: 4)
        _ = fresh.forward(Self.batch([0, 3, 6, 9]), training: false)
        let freshRecurrent = try #require(fresh.layers[1] as? Recurrent)
        for b in 0..<4 { #expect(carried[b] == freshRecurrent.trace(sample: b, steps: 3).hidden[2]) }
        #expect(carried[0] != [0, 0, 0])
    }

    @Test func gradientsStopAtTheChunkBoundary() throws {
        let network = try Self.network(seed: 2)
        let trainer = try Self.statefulTrainer(network)
        trainer.trainStep()
        let recurrent = try #require(network.layers[1] as? Recurrent)
        let carried = (0..<4).map { recurrent.carriedHidden(sample: $0) }
        let carriedCell = (0..<4).map { Array(UnsafeBufferPointer(start: recurrent.initialCell.data + $0 * 3, count: 3)) }
        trainer.trainStep()
        let streamGradients = network.parameters.map(\.gradient.values)
        // The same chunks (1, 4, 7, 10) from the same state, given by hand to a fresh copy:
        // with nothing of the earlier chunk in the graph, the gradients agree exactly.
        let copy = try Self.network(seed: 2)
        let copyRecurrent = try #require(copy.layers[1] as? Recurrent)
        try copy.prepare(maxBatch: 4)
        for b in 0..<4 {
            (copyRecurrent.initialHidden.data + b * 3).update(from: carried[b], count: 3)
            (copyRecurrent.initialCell.data + b * 3).update(from: carriedCell[b], count: 3)
        }
        copyRecurrent.usesInitialState = true
        let inputs = Tensor(rows: 4, sampleShape: [3]), targets = Tensor(rows: 4, sampleShape: [3])
        Self.streamData().fillBatch(indices: [1, 4, 7, 10], inputs: inputs.data, targets: targets.data)
        copy.computeGradients(inputs: inputs, targets: targets)
        #expect(copy.parameters.map(\.gradient.values) == streamGradients)
        // From zeros instead, the recurrent weights' gradients differ: the state mattered.
        copyRecurrent.usesInitialState = false
        copy.computeGradients(inputs: inputs, targets: targets)
        #expect(copyRecurrent.recurrentWeight.gradient.values != streamGradients[2])
    }

    @Test func anEpochStartsTheStreamAgainFromZeros() throws {
        let network = try Self.network(seed: 2)
        let trainer = try Self.statefulTrainer(network)
        for _ in 0..<3 { trainer.trainStep() }
        #expect(trainer.epoch == 1)
        trainer.trainStep()
        let recurrent = try #require(network.layers[1] as? Recurrent)
        let fresh = try Self.network(seed: 2)
        try fresh.prepare(maxBatch: 4)
        _ = fresh.forward(Self.batch([0, 3, 6, 9]), training: false)
        let freshRecurrent = try #require(fresh.layers[1] as? Recurrent)
        #expect(recurrent.carriedHidden(sample: 1) == freshRecurrent.trace(sample: 1, steps: 3).hidden[2])
        #expect(throws: ModelError.self) { try trainer.setBatchSize(2) }
    }
}

extension Recurrent {
    /// The carried hidden state of `sample`: what step 0 starts from when `usesInitialState` is on.
    func carriedHidden(sample: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: initialHidden.data + sample * hiddenSize, count: hiddenSize))
    }
}
