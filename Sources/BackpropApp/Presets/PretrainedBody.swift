import BackpropData
import BackpropEngine
import BackpropLessons
import Foundation
import Synchronization

/// How far the first pretraining has got, for a progress line or the lab's status bar.
public struct PretrainingProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    /// Of the current epoch, 0…1.
    public var fraction: Double
    /// Classes 0–4 validation accuracy, once the last epoch has ended.
    public var accuracy: Float?

    public var description: String {
        if let accuracy {
            return String(format: "pretrained on classes 0–4: %.1f%% of their test images right", accuracy * 100)
        }
        return "pretraining the body on classes 0–4 (first time only): epoch \(epoch) of \(epochs), \(Int(fraction * 100))%"
    }
}

/// Everything that decides the pretrained weights: the body's architecture, the training
/// settings and the data. Its `key` names the cache file and is checked inside it.
struct PretrainingPlan {
    static let seed: UInt64 = 1
    static let learningRate: Float = 0.002
    static let batchSize = 64
    /// Bumped whenever pretraining changes in a way the other fields do not show.
    static let version = 1

    let configuration: RunConfiguration
    let epochs: Int

    /// The transfer configuration's network pretrained on classes 0–4: same layers, Adam at a
    /// fixed rate, one fixed seed (every run seed shares the body).
    init(transfer configuration: RunConfiguration) {
        var pretraining = configuration
        pretraining.optimizer = .adam
        pretraining.learningRate = Self.learningRate
        pretraining.momentum = nil
        pretraining.weightDecay = nil
        pretraining.batchSize = Self.batchSize
        pretraining.schedule = .constant
        pretraining.l1 = 0
        pretraining.l2 = 0
        pretraining.clipNorm = nil
        pretraining.earlyStopPatience = nil
        pretraining.augment = false
        pretraining.trainLimit = nil
        epochs = configuration.transfer?.pretrainingEpochs ?? 1
        pretraining.epochs = epochs
        pretraining.runsWithoutStop = false
        // The same five-way task and layers, trained from a random start.
        pretraining.transfer?.way = .scratch
        self.configuration = pretraining
    }

    /// The data files as found (size and modification time), so new files mean new weights.
    static func dataIdentity(folder: String = FashionMNIST.defaultFolder) -> String {
        [FashionMNIST.Part.train.imagesFile, FashionMNIST.Part.train.labelsFile].map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = attributes?[.size] as? Int ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name):\(size):\(Int(modified))"
        }.joined(separator: ",")
    }

    func key(layers: [LayerDescriptor]) -> String {
        // Sorted keys: a dictionary's order changes from one process to the next.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let architecture = (try? encoder.encode(layers)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        return "fashion-transfer body v\(Self.version); classes 0-4; layers \(architecture); init \(configuration.initializer.rawValue); "
            + "adam lr \(Self.learningRate) batch \(Self.batchSize) epochs \(epochs) seed \(Self.seed); data \(Self.dataIdentity())"
    }
}

/// The body every transfer run starts from: trained once on this machine (Fashion-MNIST
/// classes 0–4, under a minute on two cores), then read from the state folder, and kept in
/// memory for the rest of the process.
enum PretrainedBody {
    private static let loaded = Mutex<[String: [String: NamedTensor]]>([:])

    /// The pretrained `state_dict` (its head too, which a transfer run replaces). `progress`
    /// hears about a pretraining and `note` about a cache file that could not be used or kept.
    static func stateDict(for configuration: RunConfiguration, stateFolder: String = ProgressStore.stateFolder(environment: ProcessInfo.processInfo.environment),
                          progress: (PretrainingProgress) -> Void = { _ in }, note: (String) -> Void = { _ in }) throws -> [String: NamedTensor] {
        let plan = PretrainingPlan(transfer: configuration)
        let probe = try makeNetwork(plan)
        let key = plan.key(layers: probe.descriptors)
        if let known = loaded.withLock({ $0[key] }) { return known }
        let cache = PretrainedBodyCache(folder: stateFolder, key: key)
        var stateDict: [String: NamedTensor]
        var keeps = true
        switch cache.read(fits: { try probe.load(stateDict: $0, source: cache.path) }) {
        case .valid(let cached):
            loaded.withLock { $0[key] = cached }
            return cached
        case .missing:
            break
        case .rejected(let reason):
            note("the cached pretrained body \(cache.path) \(reason): training it again")
        case .notAFile(let kind):
            note("\(cache.path) is \(kind), not a cache file: training the body without keeping it")
            keeps = false
        }
        let accuracy: Float
        (stateDict, accuracy) = try pretrain(plan, progress: progress)
        if keeps, let problem = cache.write(stateDict, metadata: ["format": "pt", "val_accuracy_classes_0_4": "\(accuracy)"]) {
            note(problem)
        }
        loaded.withLock { $0[key] = stateDict }
        return stateDict
    }

    private static func makeNetwork(_ plan: PretrainingPlan) throws -> Network {
        try Network(layers: plan.configuration.makeLayers(for: .classification(classes: TransferSettings.sourceClasses.count), seed: PretrainingPlan.seed),
                    inputShape: plan.configuration.inputShape, loss: SoftmaxCrossEntropy())
    }

    /// Trains the network on every training image of classes 0–4 and measures it on their test images.
    private static func pretrain(_ plan: PretrainingPlan, progress: (PretrainingProgress) -> Void) throws -> ([String: NamedTensor], Float) {
        var random = RandomGenerator(seed: PretrainingPlan.seed)
        let classes = TransferSettings.sourceClasses
        let data = DataSplit(train: try FashionMNIST.load(.train, checksImageSize: true).selecting(classes: classes, random: &random),
                             validation: try FashionMNIST.load(.test, checksImageSize: true).selecting(classes: classes, random: &random),
                             classNames: Array(FashionMNIST.classNames[classes]))
        let trainer = try RunBuilder.makeTrainer(plan.configuration, data: data, random: &random, splitsBatches: true)
        var lastReport = monotonicSeconds()
        var accuracy: Float = 0
        progress(PretrainingProgress(epoch: 1, epochs: plan.epochs, fraction: 0))
        while trainer.hasEpochsLeft {
            if let report = trainer.trainStep() {
                accuracy = report.validation.accuracy ?? 0
            } else if monotonicSeconds() - lastReport > 0.1 {
                lastReport = monotonicSeconds()
                let done = Double(trainer.step % max(trainer.stepsPerEpoch, 1)) / Double(max(trainer.stepsPerEpoch, 1))
                progress(PretrainingProgress(epoch: trainer.epoch + 1, epochs: plan.epochs, fraction: done))
            }
        }
        if let divergence = trainer.divergence { throw ModelError("pretraining the transfer body \(divergence)") }
        progress(PretrainingProgress(epoch: plan.epochs, epochs: plan.epochs, fraction: 1, accuracy: accuracy))
        return (trainer.network.stateDict, accuracy)
    }
}
