import BackpropData
import BackpropEngine
import Foundation

/// What a lab's views add to its run's memory (`RunConfiguration.estimateMemory`).
public struct ViewMemory: Sendable, Equatable {
    /// Views copy layer internals (feature maps, attention maps, gates) of one sample.
    public var recordsViews: Bool
    /// Other trainers built on the lab's model: six racers, or one range test.
    public var companionTrainers: Int

    public init(recordsViews: Bool, companionTrainers: Int = 0) {
        self.recordsViews = recordsViews
        self.companionTrainers = companionTrainers
    }

    /// A headless run: no views.
    public static let none = ViewMemory(recordsViews: false)
}

extension RunConfiguration {
    /// The run's peak memory, worked out before any data or buffer is allocated. Lint, the
    /// lab screens and `train` refuse a run whose estimate is over its budget.
    ///
    /// `runIsResident`: the run is already loaded in this process (a lab starting its race),
    /// so its data, trainer and view copies are part of the process's resident memory and
    /// only what `views.companionTrainers` add is new.
    public func estimateMemory(splitsBatches: Bool, partsAvailable: Int = 1, views: ViewMemory = .none,
                               runIsResident: Bool = false) throws -> MemoryEstimate {
        let data = dataSize
        let network = try NetworkFootprint(layers: { try makeLayers(for: data.task, seed: 0) }, inputShape: inputShape)
        func training(splitsBatches: Bool) -> TrainingFootprint {
            TrainingFootprint(network: network, settings: trainingSettings, trainCount: data.trainCount,
                              validationCount: data.validationCount, inputSize: inputShape.reduce(1, *),
                              targetWidth: data.targetWidth, splitsBatches: splitsBatches, partsAvailable: partsAvailable)
        }
        let floatBytes = MemoryLayout<Float>.size
        // A companion trainer (a racer) shares the lab's data and trains whole batches, as the lab screens do.
        let companionFloats = views.companionTrainers * training(splitsBatches: false).totalFloats
        let rows = Trainer.bufferRows(batchSize: batchSize, trainCount: data.trainCount, validationCount: data.validationCount)
        var estimate = MemoryEstimate(
            processBytes: Self.residentBytes(), dataBytes: 0, parameterBytes: 0, activationBytes: 0,
            viewBytes: companionFloats * floatBytes,
            largestPart: network.largestLayer.map { layer in
                "layer \(layer.index) (\(layer.kind)) at \(MemoryEstimate.format(layer.floatsPerSample * rows * floatBytes)) for \(rows) samples"
            })
        guard !runIsResident else { return estimate }
        let run = training(splitsBatches: splitsBatches)
        estimate.dataBytes = data.bytes
        estimate.parameterBytes = (run.parameterFloats + run.optimizerFloats) * floatBytes
        estimate.activationBytes = run.bufferFloats * floatBytes
        if views.recordsViews { estimate.viewBytes += 2 * network.bufferFloatsPerSample * floatBytes }
        return estimate
    }

    /// `estimateMemory`, throwing `MemoryLimitExceeded` when over `budget`.
    @discardableResult
    public func checkMemory(splitsBatches: Bool, partsAvailable: Int = 1, views: ViewMemory = .none,
                            runIsResident: Bool = false, budget: MemoryBudget = .standard) throws -> MemoryEstimate {
        let estimate = try estimateMemory(splitsBatches: splitsBatches, partsAvailable: partsAvailable, views: views,
                                          runIsResident: runIsResident)
        if estimate.totalBytes > budget.bytes { throw MemoryLimitExceeded(estimate: estimate, budget: budget) }
        return estimate
    }

    /// Samples, targets and bytes the dataset will bring, known before it is read.
    struct DataSize {
        var trainCount: Int
        var validationCount: Int
        var task: TaskKind
        var targetWidth = 1
        var bytes: Int
    }

    var dataSize: DataSize {
        let floatBytes = MemoryLayout<Float>.size
        switch dataset {
        case .playground(let points):
            let count = points.sampleCount
            return DataSize(trainCount: count * trainPercent / 100, validationCount: count - count * trainPercent / 100,
                            task: task, bytes: count * (features.count + 1) * floatBytes + count * MemoryLayout<PlaygroundPoint>.stride)
        case .fashionMNIST:
            let train = min(trainLimit ?? Self.fashionTrainImages, Self.fashionTrainImages)
            let test = min(trainLimit ?? Self.fashionTestImages, Self.fashionTestImages)
            let side = FashionMNIST.imageSide
            return DataSize(trainCount: train, validationCount: test, task: task, bytes: (train + test) * (side * side + 1))
        case .digits:
            let validation = Self.digitImages * OpticalDigits.defaultValidationPercent / 100
            return DataSize(trainCount: Self.digitImages - validation, validationCount: validation, task: task,
                            bytes: Self.digitImages * (OpticalDigits.featureCount + 1) * floatBytes)
        case .words:
            let characters = Self.wordCharacters(limit: trainLimit)
            let length = sequence.length
            return DataSize(trainCount: characters * 9 / 10 / length, validationCount: characters / 10 / length,
                            task: .classification(classes: CharacterVocabulary.maximumCount), targetWidth: length,
                            bytes: characters * Self.bytesPerWordCharacter)
        case .adding:
            let train = trainLimit ?? 10_000, validation = max(train / 10, 100)
            return DataSize(trainCount: train, validationCount: validation, task: task,
                            bytes: (train + validation) * (sequence.length * 2 + 1) * floatBytes)
        case .reversal:
            let train = trainLimit ?? 20_000, validation = max(train / 10, 100)
            return DataSize(trainCount: train, validationCount: validation, task: task, targetWidth: sequence.length,
                            bytes: (train + validation) * sequence.length * 2 * floatBytes)
        case .copy:
            let train = trainLimit ?? 10_000, validation = max(train / 10, 100)
            let copy = sequence.copy
            return DataSize(trainCount: train, validationCount: validation, task: task, targetWidth: copy.symbols,
                            bytes: (train + validation) * (copy.length + copy.symbols) * floatBytes)
        }
    }

    /// Image counts of the Fashion-MNIST files and of the shipped digits.
    static let fashionTrainImages = 60_000
    static let fashionTestImages = 10_000
    static let digitImages = 1797

    /// Per character of the word list, the run holds it as a token id (8 bytes), as an input
    /// and a target float (8), and as part of its word (a `String`).
    static let bytesPerWordCharacter = 24

    /// Characters of the word list a run reads: the whole file, or `limit` words of about
    /// ten bytes (the mean of wamerican's words with their newlines).
    static func wordCharacters(limit: Int?) -> Int {
        let fileBytes = min(WordList.fileBytes(), WordList.maximumBytes)
        guard let limit else { return fileBytes }
        return min(fileBytes, max(limit, 10) * 10)
    }

    /// This process's resident memory now (`/proc/self/statm`), 0 where it cannot be read.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
