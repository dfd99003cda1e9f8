import Testing
@testable import BackpropEngine

@Suite("Learning-rate range test")
struct RangeTestTests {
    @Test func ratesGrowByAConstantFactor() {
        let rates = LearningRateRangeTest.rates(from: 1e-5, to: 10, steps: 7)
        #expect(rates.count == 7)
        for (rate, expected) in zip(rates, [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10] as [Float]) {
            #expect(abs(rate / expected - 1) < 1e-5, "\(rate) vs \(expected)")
        }
        #expect(LearningRateRangeTest.rates(from: 0.01, to: 1, steps: 1) == [0.01])
    }

    @Test func theTestStopsWhenTheLossBlowsUpAndSuggestsASmallerRate() throws {
        var random = RandomGenerator(seed: 3)
        let inputs = (0..<200).map { _ in Float(random.uniform(-1, 1)) }
        let targets = (0..<100).map { Float(inputs[2 * $0] * inputs[2 * $0 + 1] > 0 ? 1 : 0) }
        let data = TensorDataset(inputs: inputs, targets: targets, inputShape: [2], task: .classification(classes: 2))
        let spec = MLPSpec(inputSize: 2, hidden: [8], outputSize: 2, activation: .tanh)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [2], loss: SoftmaxCrossEntropy())
        network.initialize(.xavier, random: &random)
        let trainer = try Trainer(network: network, data: DataSplit(train: data, validation: data),
                                  settings: TrainingSettings(batchSize: 10, optimizer: OptimizerSettings(kind: .sgd), schedule: .cosine, epochs: 1),
                                  seed: 1)
        let test = LearningRateRangeTest(trainer: trainer, rates: LearningRateRangeTest.rates(from: 1e-4, to: 1e4, steps: 300))
        while !test.isFinished { test.step() }
        #expect(test.losses.count < 300, "plain SGD at lr 1e4 cannot keep the loss down")
        #expect(trainer.step >= test.losses.count && trainer.settings.schedule == .constant)
        let suggested = try #require(test.suggestedRate)
        #expect(suggested < test.rates[test.losses.count - 1] && suggested >= 1e-5)
    }
}
