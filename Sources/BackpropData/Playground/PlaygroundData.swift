import BackpropEngine

/// One generated Playground dataset, shuffled and split as the Playground does, with the raw
/// points kept for drawing and a way to turn them into network inputs for any feature choice.
public struct PlaygroundData: Sendable {
    /// Accepted values of the noise knob, in percent.
    public static let noisePercentRange = 0...50
    /// Accepted values of the "ratio of training to test data" knob, in percent.
    public static let trainPercentRange = 10...90
    public static let defaultTrainPercent = 50
    /// The square the Playground draws (and samples its heatmap over) on both axes.
    public static let domain: ClosedRange<Double> = -6...6

    public let dataset: PlaygroundDataset
    public let noisePercent: Int
    public let trainPercent: Int
    /// Number of classes (2 unless a spiral or gauss set was asked for more).
    public let classes: Int
    public let seed: UInt64
    public let trainPoints: [PlaygroundPoint]
    public let testPoints: [PlaygroundPoint]

    /// Generates `dataset` with the noise knob at `noisePercent`, shuffles all points and puts
    /// the first ⌊count × trainPercent / 100⌋ in the training set, the rest in the test set.
    /// The same arguments always give the same points. `classes` beyond 2 needs a dataset
    /// that `supportsManyClasses`; regression sets ignore it.
    public init(dataset: PlaygroundDataset, noisePercent: Int = 0, trainPercent: Int = defaultTrainPercent,
                classes: Int = 2, seed: UInt64) throws(PlaygroundSettingError) {
        guard Self.noisePercentRange.contains(noisePercent) else { throw .noiseOutOfRange(noisePercent) }
        guard Self.trainPercentRange.contains(trainPercent) else { throw .trainPercentOutOfRange(trainPercent) }
        guard PlaygroundDataset.classCountRange.contains(classes), classes == 2 || dataset.supportsManyClasses || dataset.isRegression else {
            throw .unsupportedClassCount(classes, dataset)
        }
        let classes = dataset.isRegression ? 2 : classes
        var random = RandomGenerator(seed: seed)
        let generated = dataset.generatePoints(noise: Double(noisePercent) / 100, classes: classes, using: &random)
        var order = Array(generated.indices)
        random.shuffle(&order)
        let shuffled = order.map { generated[$0] }
        let trainCount = shuffled.count * trainPercent / 100
        self.dataset = dataset
        self.noisePercent = noisePercent
        self.trainPercent = trainPercent
        self.classes = classes
        self.seed = seed
        self.trainPoints = Array(shuffled[..<trainCount])
        self.testPoints = Array(shuffled[trainCount...])
    }

    public var task: TaskKind { dataset.task(classes: classes) }

    /// Training and test points as datasets whose inputs are `features` of each point
    /// (input shape `[features.count]`); the test points become the validation set.
    public func split(features: [InputFeature]) throws(PlaygroundSettingError) -> DataSplit {
        try InputFeature.validate(features)
        return DataSplit(
            train: tensorDataset(trainPoints, features: features),
            validation: tensorDataset(testPoints, features: features),
            classNames: dataset.classNames(classes: classes))
    }

    private func tensorDataset(_ points: [PlaygroundPoint], features: [InputFeature]) -> TensorDataset {
        var inputs: [Float] = []
        inputs.reserveCapacity(points.count * features.count)
        for point in points {
            inputs.append(contentsOf: Self.featureValues(features, x1: point.x1, x2: point.x2))
        }
        return TensorDataset(
            inputs: inputs, targets: points.map { Float($0.label) },
            inputShape: [features.count], task: task)
    }

    /// The network input for one position: the chosen features in order.
    public static func featureValues(_ features: [InputFeature], x1: Double, x2: Double) -> [Float] {
        features.map { Float($0.value(x1: x1, x2: x2)) }
    }

    /// Network inputs for the centres of a `columns` × `rows` grid over `domain` on both axes,
    /// one row of cells after another from the top (largest x2) and left (smallest x1) — the
    /// order a heatmap is drawn in. Holds `columns * rows * features.count` floats.
    public static func gridInputs(features: [InputFeature], columns: Int, rows: Int, domain: ClosedRange<Double> = domain) -> [Float] {
        let width = domain.upperBound - domain.lowerBound
        var inputs: [Float] = []
        inputs.reserveCapacity(max(0, columns * rows * features.count))
        for row in 0..<max(0, rows) {
            let x2 = domain.upperBound - (Double(row) + 0.5) * width / Double(rows)
            for column in 0..<max(0, columns) {
                let x1 = domain.lowerBound + (Double(column) + 0.5) * width / Double(columns)
                inputs.append(contentsOf: featureValues(features, x1: x1, x2: x2))
            }
        }
        return inputs
    }
}
