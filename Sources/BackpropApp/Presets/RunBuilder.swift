import BackpropData
import BackpropEngine

/// Data and a ready trainer for a configuration. The Playground's raw points travel along
/// so a screen can draw them, and a word model carries the bigram baseline it should beat.
public struct PreparedRun {
    public let configuration: RunConfiguration
    public let seed: UInt64
    public let trainer: Trainer
    public let playground: PlaygroundData?
    /// Validation loss of a bigram model on the same words (nats per character).
    public let baselineValidationLoss: Double?
    /// What the run was expected to take at its peak, checked against the budget before
    /// anything was loaded.
    public let memoryEstimate: MemoryEstimate
}

/// A dataset as loaded, with what came along with it.
public struct LoadedData {
    public var split: DataSplit
    public var playground: PlaygroundData? = nil
    public var baselineValidationLoss: Double? = nil
}

/// Turns a configuration and a seed into data, a network and a trainer. One seed fixes
/// everything: the data's noise and split, the initial weights, dropout masks, batch order.
public enum RunBuilder {
    /// `splitsBatches` trains each batch in parts on several cores when that pays off (the
    /// command line; see `Trainer.splitBatches`). A run whose memory estimate (with what
    /// `views` add) is over `budget` throws `MemoryLimitExceeded` before anything is loaded.
    /// A transfer run pretrains its body first when no cached one fits: `pretraining` hears
    /// how far that has got and about a cache file that could not be used.
    public static func prepare(_ configuration: RunConfiguration, seed: UInt64, splitsBatches: Bool = false,
                               views: ViewMemory = .none, budget: MemoryBudget = .standard,
                               pretraining: PretrainingListener = .silent) throws -> PreparedRun {
        try configuration.validate()
        let estimate = try configuration.checkMemory(
            splitsBatches: splitsBatches, partsAvailable: splitsBatches ? try BatchSplitting.partsAvailable() : 1, views: views, budget: budget)
        var random = RandomGenerator(seed: seed)
        let dataSeed = random.next()
        let data = try loadData(configuration, seed: dataSeed)
        let trainer = try makeTrainer(configuration, data: data.split, random: &random, splitsBatches: splitsBatches, pretraining: pretraining)
        return PreparedRun(configuration: configuration, seed: seed, trainer: trainer, playground: data.playground,
                           baselineValidationLoss: data.baselineValidationLoss, memoryEstimate: estimate)
    }

    /// The seed `prepare` hands `loadData` for a run's seed: the first draw of the run's generator.
    public static func dataSeed(for seed: UInt64) -> UInt64 {
        var random = RandomGenerator(seed: seed)
        return random.next()
    }

    /// Builds a fresh network and trainer on already-loaded data (a reset, or a new architecture).
    public static func makeTrainer(_ configuration: RunConfiguration, data: DataSplit, random: inout RandomGenerator,
                                   splitsBatches: Bool = false, pretraining: PretrainingListener = .silent) throws -> Trainer {
        let layerSeed = random.next()
        let network = try makeNetwork(configuration, task: data.train.task, layerSeed: layerSeed)
        var initRandom = random.split()
        network.initialize(configuration.initializer, random: &initRandom)
        let transfer = try configuration.transfer.map { try TransferStart(configuration, $0, pretraining: pretraining) }
        try transfer?.apply(to: network, loadingBody: true)
        let trainer = try Trainer(network: network, data: data, settings: configuration.trainingSettings, seed: random.next())
        if splitsBatches {
            // A replica's weights are the network's own, and its dropout takes its rows of the
            // masks the network draws for the whole batch (`BatchShards`).
            try BatchSplitting.split(trainer) { index in
                let replica = try makeNetwork(configuration, task: data.train.task, layerSeed: layerSeed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)))
                try transfer?.apply(to: replica, loadingBody: false)
                return replica
            }
        }
        return trainer
    }

    private static func makeNetwork(_ configuration: RunConfiguration, task: TaskKind, layerSeed: UInt64) throws -> Network {
        try Network(layers: configuration.makeLayers(for: task, seed: layerSeed),
                    inputShape: configuration.inputShape, loss: configuration.loss.make(for: task))
    }

    public static func loadData(_ configuration: RunConfiguration, seed: UInt64) throws -> LoadedData {
        switch configuration.dataset {
        case .playground(let dataset):
            let points = try PlaygroundData(dataset: dataset, noisePercent: configuration.noisePercent,
                                            trainPercent: configuration.trainPercent,
                                            classes: configuration.classes, seed: seed)
            return LoadedData(split: try points.split(features: configuration.features), playground: points)
        case .fashionMNIST where configuration.transfer != nil:
            return LoadedData(split: try TransferData.load(labelsPerClass: configuration.transfer!.labelsPerClass, seed: seed))
        case .fashionMNIST:
            let split = try FashionMNIST.load(limit: configuration.trainLimit, checksImageSize: true)
            if let autoencoder = configuration.autoencoder { return reconstruction(of: split, autoencoder, noise: configuration.inputNoise, seed: seed) }
            guard configuration.augment else { return LoadedData(split: split) }
            return LoadedData(split: DataSplit(train: AugmentedImages(split.train, seed: seed), validation: split.validation,
                                               classNames: split.classNames))
        case .digits:
            return LoadedData(split: try OpticalDigits.load(seed: seed))
        case .words:
            let words = try WordList.load(seed: seed, limit: configuration.trainLimit)
            let sequences = try CharacterSequences(words: words, length: configuration.sequence.length)
            return LoadedData(split: sequences.split, baselineValidationLoss: sequences.bigramValidationLoss)
        case .adding:
            var random = RandomGenerator(seed: seed)
            let count = configuration.trainLimit ?? 10_000
            let train = AddingProblem.make(count: count, length: configuration.sequence.length, random: &random)
            let validation = AddingProblem.make(count: max(count / 10, 100), length: configuration.sequence.length, random: &random)
            return LoadedData(split: DataSplit(train: train, validation: validation))
        case .reversal:
            var random = RandomGenerator(seed: seed)
            let count = configuration.trainLimit ?? 20_000
            let task = configuration.sequence.task
            return LoadedData(split: DataSplit(train: task.make(count: count, length: configuration.sequence.length, random: &random),
                                               validation: task.make(count: max(count / 10, 100), length: configuration.sequence.length, random: &random),
                                               classNames: (0..<ReversalTask.digits).map(String.init)))
        case .copy:
            var random = RandomGenerator(seed: seed)
            let count = configuration.trainLimit ?? 10_000
            let task = configuration.sequence.copy
            return LoadedData(split: DataSplit(train: task.make(count: count, random: &random),
                                               validation: task.make(count: max(count / 10, 100), random: &random),
                                               classNames: Array(task.tokenNames.dropFirst(CopyTask.firstSymbol))))
        }
    }

    /// An autoencoder's data: each image its own target, the held-out class left out of
    /// both parts (the validation images keep it within reach for the anomaly score).
    private static func reconstruction(of split: DataSplit, _ settings: AutoencoderSettings, noise: Float, seed: UInt64) -> LoadedData {
        let train = split.train as! ByteImageDataset, validation = split.validation as! ByteImageDataset
        return LoadedData(split: DataSplit(
            train: ReconstructionImages(train, leavingOut: settings.heldOutClass, noise: noise, freshNoise: true, seed: seed),
            validation: ReconstructionImages(validation, leavingOut: settings.heldOutClass, noise: noise, freshNoise: false, seed: seed ^ 0x5EED),
            classNames: split.classNames))
    }
}
