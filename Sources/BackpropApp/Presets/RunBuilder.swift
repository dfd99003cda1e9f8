import BackpropData
import BackpropEngine

/// Data and a ready trainer for a configuration. The Playground's raw points travel along
/// so a screen can draw them.
public struct PreparedRun {
    public let configuration: RunConfiguration
    public let seed: UInt64
    public let trainer: Trainer
    public let playground: PlaygroundData?
}

/// Turns a configuration and a seed into data, a network and a trainer. One seed fixes
/// everything: the data's noise and split, the initial weights, dropout masks, batch order.
public enum RunBuilder {
    public static func prepare(_ configuration: RunConfiguration, seed: UInt64) throws -> PreparedRun {
        try configuration.validate()
        var random = RandomGenerator(seed: seed)
        let dataSeed = random.next()
        let (data, playground) = try loadData(configuration, seed: dataSeed)
        let trainer = try makeTrainer(configuration, data: data, random: &random)
        return PreparedRun(configuration: configuration, seed: seed, trainer: trainer, playground: playground)
    }

    /// Builds a fresh network and trainer on already-loaded data (a reset, or a new architecture).
    public static func makeTrainer(_ configuration: RunConfiguration, data: DataSplit, random: inout RandomGenerator) throws -> Trainer {
        let network = try Network(layers: configuration.makeLayers(seed: random.next()), inputShape: configuration.inputShape,
                                  loss: configuration.loss.make(for: configuration.task))
        var initRandom = random.split()
        network.initialize(configuration.initializer, random: &initRandom)
        return try Trainer(network: network, data: data, settings: configuration.trainingSettings, seed: random.next())
    }

    public static func loadData(_ configuration: RunConfiguration, seed: UInt64) throws -> (DataSplit, PlaygroundData?) {
        switch configuration.dataset {
        case .playground(let dataset):
            let points = try PlaygroundData(dataset: dataset, noisePercent: configuration.noisePercent,
                                            trainPercent: configuration.trainPercent,
                                            classes: configuration.classes, seed: seed)
            return (try points.split(features: configuration.features), points)
        case .fashionMNIST:
            return (try FashionMNIST.load(limit: configuration.trainLimit), nil)
        case .digits:
            return (try OpticalDigits.load(seed: seed), nil)
        }
    }
}
