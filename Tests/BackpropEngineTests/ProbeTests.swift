import Testing
@testable import BackpropEngine

@Suite("Training-health probes")
struct ProbeTests {
    @Test func summaryAndHistogram() {
        let summary = Summary([1, 2, 3, 4])
        #expect(summary.mean == 2.5)
        #expect(abs(summary.standardDeviation - 1.118034) < 1e-6)
        #expect(abs(summary.norm - Float(30).squareRoot()) < 1e-6)
        let histogram = Histogram([0, 0.1, 0.5, 0.9, 1, 7], bins: 2, lower: 0, upper: 1)
        #expect(histogram.counts == [2, 4], "values past the range are clamped into the end bins")
    }

    @Test func saturatedTanhIsCounted() throws {
        // A huge first-layer weight drives every tanh unit into its flat tails.
        let network = try Network(layers: [Dense(inputSize: 1, outputSize: 4), Activation(.tanh), Dense(inputSize: 4, outputSize: 1)],
                                  inputShape: [1], loss: MeanSquaredError(task: .regression(outputs: 1)))
        try network.prepare(maxBatch: 3)
        let first = network.parameters[0]
        first.value.fill(50)
        let inputs = Tensor(shape: [3, 1], values: [1, -1, 2])
        network.computeGradients(inputs: inputs, targets: Tensor(shape: [3, 1], values: [0, 0, 0]))
        let probes = network.probe(bins: 4)
        #expect(probes.count == 2)
        #expect(probes[0].saturation == 1)
        #expect(probes[0].activation?.mean != nil)
        #expect(probes[1].saturation == nil, "the output layer has no activation after it")
        #expect(probes[0].gradientHistogram.counts.reduce(0, +) == 4)
    }

    /// A two-input MLP on 20 random points, one batch per epoch, trained with plain SGD.
    static func smallRun(hidden: [Int], activation: ActivationFunction, initializer: Initializer,
                         learningRate: Float) throws -> (Network, Trainer) {
        var random = RandomGenerator(seed: 5)
        let spec = MLPSpec(inputSize: 2, hidden: hidden, outputSize: 2, activation: activation)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [2], loss: SoftmaxCrossEntropy())
        network.initialize(initializer, random: &random)
        let data = TensorDataset(inputs: (0..<40).map { _ in Float(random.uniform(-1, 1)) }, targets: (0..<20).map { Float($0 % 2) },
                                 inputShape: [2], task: .classification(classes: 2))
        let trainer = try Trainer(network: network, data: DataSplit(train: data, validation: data),
                                  settings: TrainingSettings(batchSize: 20, optimizer: OptimizerSettings(kind: .sgd, learningRate: learningRate), epochs: 1), seed: 1)
        return (network, trainer)
    }

    /// Gradient histograms share one range across layers, so a layer whose gradients vanished
    /// shows as one narrow spike beside the others' spread, not as a full histogram of its own.
    @Test func gradientHistogramsShareOneRange() throws {
        let (network, trainer) = try Self.smallRun(hidden: [4, 4, 4], activation: .sigmoid, initializer: .small, learningRate: 0.01)
        trainer.trainStep()
        let histograms = network.probe().map(\.gradientHistogram)
        #expect(Set(histograms.map(\.lower)).count == 1 && Set(histograms.map(\.upper)).count == 1)
        // The first layer's gradients vanished: all of them fall in the middle bins.
        let first = try #require(histograms.first)
        let middle = first.counts.count / 2
        #expect(first.counts[(middle - 1)...middle].reduce(0, +) == first.counts.reduce(0, +), "\(first.counts)")
    }

    @Test func updateRatiosAreTrackedOnRequest() throws {
        let (network, trainer) = try Self.smallRun(hidden: [4], activation: .relu, initializer: .he, learningRate: 0.01)
        trainer.trainStep()
        #expect(trainer.updateRatios.isEmpty)
        trainer.tracksUpdateRatios = true
        trainer.trainStep()
        let ratio = try #require(trainer.updateRatios["0.weight"])
        // SGD at lr 0.01 moves weights by roughly a thousandth to a hundredth of their size.
        #expect(ratio > -5 && ratio < -1, "log10 update:data = \(ratio)")
        #expect(network.probe(updateRatios: trainer.updateRatios)[0].log10UpdateToDataRatio == ratio)
    }

    /// A step far below float32's resolution against the weights is rounded away: the ratio
    /// says so with -infinity, not with a clamped floor that reads like a measurement.
    @Test func anUpdateLostToRoundingIsMinusInfinity() throws {
        let (network, trainer) = try Self.smallRun(hidden: [4], activation: .relu, initializer: .he, learningRate: 1e-12)
        trainer.tracksUpdateRatios = true
        trainer.trainStep()
        #expect(trainer.updateRatios["0.weight"] == -.infinity)
        #expect(network.probe(updateRatios: trainer.updateRatios)[0].log10UpdateToDataRatio == -.infinity)
    }

    @Test func evaluatingALimitReadsTheLeadingSamplesAndTheEpochLossSoFarIsLive() throws {
        var random = RandomGenerator(seed: 7)
        let spec = MLPSpec(inputSize: 2, hidden: [3], outputSize: 2, activation: .tanh)
        let network = try Network(layers: spec.makeLayers(seed: 1), inputShape: [2], loss: SoftmaxCrossEntropy())
        network.initialize(.xavier, random: &random)
        let inputs = (0..<40).map { _ in Float(random.uniform(-1, 1)) }
        let targets = (0..<20).map { Float($0 % 2) }
        let data = TensorDataset(inputs: inputs, targets: targets, inputShape: [2], task: .classification(classes: 2))
        let leading = TensorDataset(inputs: Array(inputs[..<10]), targets: Array(targets[..<5]), inputShape: [2], task: .classification(classes: 2))
        let trainer = try Trainer(network: network, data: DataSplit(train: data, validation: data),
                                  settings: TrainingSettings(batchSize: 5, optimizer: OptimizerSettings(kind: .sgd, learningRate: 0.1), epochs: 1), seed: 1)
        #expect(trainer.evaluate(data, limit: 5) == trainer.evaluate(leading))
        #expect(trainer.evaluate(data, limit: 500) == trainer.evaluate(data), "a limit past the end is the whole set")
        #expect(trainer.epochLossSoFar == nil)
        trainer.trainStep()
        #expect(trainer.epochLossSoFar == trainer.lastBatchLoss)
        while trainer.trainStep() == nil {}
        #expect(trainer.epochLossSoFar == nil, "a finished epoch has no partial loss")
    }
}

/// A histogram of identical values (the zero gradients of a zero-initialized network) puts
/// its one bar in the middle, as lesson 7 says a vanished gradient looks.
@Test func identicalValuesStandInTheMiddleBin() {
    let zeros = Histogram([Float](repeating: 0, count: 10), bins: 16)
    #expect(zeros.counts.firstIndex(of: 10) == 8, "\(zeros.counts)")
    #expect(zeros.lower < 0 && zeros.upper > 0)
}

/// Identical large values (|v| > 32, where 1e-6 is below Float's spacing) get a range of
/// their own too, instead of an empty one whose scale is infinite.
@Test func identicalLargeValuesStandInTheMiddleBin() {
    for value: Float in [1000, -1000, 3e38] {
        let histogram = Histogram([Float](repeating: value, count: 10), bins: 16)
        #expect(histogram.counts.reduce(0, +) == 10 && histogram.counts.filter { $0 > 0 }.count == 1, "\(histogram.counts)")
        #expect(histogram.lower < value && histogram.upper > value)
    }
    let thousands = Histogram([Float](repeating: 1000, count: 10), bins: 16)
    #expect((7...8).contains(thousands.counts.firstIndex(of: 10) ?? -1), "\(thousands.counts)")
}
