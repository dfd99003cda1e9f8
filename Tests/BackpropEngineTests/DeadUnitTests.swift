import Testing
@testable import BackpropEngine

@Suite("Dead ReLU units")
struct DeadUnitTests {
    /// A 1-3-1 ReLU net whose hidden units are set by hand: one that fires for positive
    /// inputs, one whose bias keeps it off for every input here, one with zero weight and a
    /// negative bias.
    func trainer(activation: ActivationFunction) throws -> Trainer {
        let network = try Network(layers: [Dense(inputSize: 1, outputSize: 3), Activation(activation), Dense(inputSize: 3, outputSize: 1)],
                                  inputShape: [1], loss: MeanSquaredError(task: .regression(outputs: 1)))
        let hidden = network.layers[0] as! Dense
        for (unit, (weight, bias)) in [(Float(1), Float(0)), (-1, -10), (0, -1)].enumerated() {
            hidden.weight.value.data[unit] = weight
            hidden.bias!.value.data[unit] = bias
        }
        let data = TensorDataset(inputs: [-1, 0.5, 2], targets: [0, 0, 0], inputShape: [1], task: .regression(outputs: 1))
        return try Trainer(network: network, data: DataSplit(train: data, validation: data),
                           settings: TrainingSettings(batchSize: 3, optimizer: OptimizerSettings(kind: .sgd), epochs: 1), seed: 1)
    }

    @Test func unitsOffForEverySampleAreDead() throws {
        let trainer = try trainer(activation: .relu)
        let counts = trainer.deadUnits(in: trainer.data.train)
        #expect(counts == [DeadUnitCount(name: "0 Linear(1→3) ReLU", dead: 2, units: 3)])
    }

    @Test func batchNormalizedLayersAreProbedAndCounted() throws {
        // Linear → BatchNorm1d → ReLU: the activation is two layers after its Dense layer.
        let spec = MLPSpec(inputSize: 2, hidden: [4, 3], outputSize: 1, activation: .relu, batchNorm: true)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [2], loss: MeanSquaredError(task: .regression(outputs: 1)))
        var random = RandomGenerator(seed: 2)
        network.initialize(.pytorch, random: &random)
        let data = TensorDataset(inputs: (0..<16).map { Float($0 % 5) - 2 }, targets: [Float](repeating: 0, count: 8),
                                 inputShape: [2], task: .regression(outputs: 1))
        let trainer = try Trainer(network: network, data: DataSplit(train: data, validation: data),
                                  settings: TrainingSettings(batchSize: 8, optimizer: OptimizerSettings(kind: .sgd), epochs: 1), seed: 1)
        trainer.trainStep()
        #expect(trainer.deadUnits(in: data).map(\.name) == ["0 Linear(2→4) ReLU", "3 Linear(4→3) ReLU"])
        let probes = network.probe()
        #expect(probes.map(\.name) == ["0 Linear(2→4) ReLU", "3 Linear(4→3) ReLU", "6 Linear(3→1)"])
        #expect(probes[0].activation != nil && probes[1].saturation != nil && probes[2].activation == nil)
    }

    @Test func aUnitOnForOneSampleIsAlive() throws {
        let trainer = try trainer(activation: .relu)
        let hidden = trainer.network.layers[0] as! Dense
        hidden.bias!.value.data[1] = 0.5  // −x + 0.5 > 0 only for x = −1
        #expect(trainer.deadUnits(in: trainer.data.train).first?.dead == 1)
        #expect(trainer.deadUnits(in: trainer.data.train, sampleLimit: 1).first?.dead == 2,
                "counted over the first sample only, the unit that fires for x = −1 is still dead")
    }

    @Test func otherActivationsHaveNoDeadCount() throws {
        let trainer = try trainer(activation: .tanh)
        #expect(trainer.deadUnits(in: trainer.data.train).isEmpty)
    }
}
