/// The result of evaluating a network on a dataset.
public struct Evaluation: Equatable, Sendable {
    public var loss: Float
    /// nil for regression.
    public var accuracy: Float?
    /// Fraction of sequences with every step right; nil unless each sample has several predictions.
    public var sequenceAccuracy: Float? = nil
}

/// What one finished epoch measured.
public struct EpochReport: Equatable, Sendable {
    public var epoch: Int
    public var step: Int
    /// Mean of the epoch's batch losses (data loss plus penalty), as PyTorch loops report it.
    public var trainLoss: Float
    public var trainAccuracy: Float?
    public var validation: Evaluation
    public var learningRate: Float
    public var gradientNorm: Float
    public var samplesPerSecond: Double
    /// Training seconds so far, excluding evaluation.
    public var trainingSeconds: Double
}

/// Why a run stopped on its own.
public struct Divergence: Equatable, Sendable, CustomStringConvertible {
    public var step: Int
    public var epoch: Int
    public var likelyCause: String
    /// Says the epoch under way, which the status bar (counting finished epochs) does not show yet.
    public var description: String { "diverged at step \(step), before epoch \(epoch) ended: \(likelyCause)" }
}

/// Trains a network on a data split one batch at a time. It owns every buffer and the
/// shuffling generator, so the same seed and settings give bit-identical runs.
///
/// Not thread-safe: one thread (the trainer thread, or the command line) drives it.
public final class Trainer {
    public let network: Network
    public let data: DataSplit
    public private(set) var settings: TrainingSettings
    public let optimizer: Optimizer
    // The run's progress is `internal(set)`: `TrainerCheckpoint` puts it back.
    public internal(set) var step = 0
    public internal(set) var epoch = 0
    public internal(set) var divergence: Divergence?
    /// Global gradient norm of the last step, measured when clipping or asked for.
    public internal(set) var lastGradientNorm: Float = 0
    public internal(set) var lastBatchLoss: Float = 0
    public internal(set) var trainingSeconds: Double = 0
    public internal(set) var samplesSeen = 0
    /// When on, each step measures log10(std(update)/std(weight)) per weight tensor.
    public var tracksUpdateRatios = false
    /// The last tracked step's log10 update:data ratio per weight name.
    public var updateRatios: [String: Float] {
        var ratios: [String: Float] = [:]
        for (weight, ratio) in zip(network.weights, updateRatioValues) { if let ratio { ratios[weight.name] = ratio } }
        return ratios
    }

    /// `updateRatios` for the weight at `index` of `network.weights`: read after every step
    /// by the health view, so without building a dictionary.
    public func updateRatio(ofWeightAt index: Int) -> Float? {
        updateRatioValues.indices.contains(index) ? updateRatioValues[index] : nil
    }

    /// One entry per `network.weights`, in order: nil where the weights have no spread.
    private var updateRatioValues: [Float?] = []
    private var weightsBeforeStep: [Tensor] = []
    /// Replicas training parts of each batch on other cores (see `splitBatches`).
    private(set) var shards: BatchShards?

    // The batch order and the epoch's running sums: internal for `TrainerCheckpoint`.
    var random: RandomGenerator
    var order: [Int]
    var position = 0
    private let inputs: Tensor
    private let targets: Tensor
    var epochLossSum: Double = 0
    var epochCorrect = 0
    var epochSamples = 0
    var epochSeconds: Double = 0

    /// Largest batch the buffers hold: evaluation runs in batches of this size.
    public static let evaluationBatch = 256

    public init(network: Network, data: DataSplit, settings: TrainingSettings, seed: UInt64) throws(ModelError) {
        guard data.train.count > 0 else { throw ModelError("the training set is empty") }
        guard settings.batchSize >= 1 else { throw ModelError("batch size must be at least 1, got \(settings.batchSize)") }
        self.network = network
        self.data = data
        self.settings = settings
        optimizer = Optimizer(settings: settings.optimizer)
        random = RandomGenerator(seed: seed ^ 0x5EED_DA7A)
        order = settings.carriesRecurrentState ? Self.streamOrder(count: data.train.count, lanes: settings.batchSize)
                                               : Array(0..<data.train.count)
        let capacity = Self.bufferRows(batchSize: settings.batchSize, trainCount: data.train.count,
                                       validationCount: data.validation.count)
        inputs = Tensor(rows: capacity, sampleShape: data.train.inputShape)
        targets = Tensor(rows: capacity, columns: data.train.targetWidth)
        try network.prepare(maxBatch: capacity)
        network.penalty = settings.penalty
        if !settings.carriesRecurrentState { random.shuffle(&order) }
    }

    /// Samples the buffers hold: a training batch, or an evaluation batch when that is larger.
    public static func bufferRows(batchSize: Int, trainCount: Int, validationCount: Int) -> Int {
        max(batchSize, min(evaluationBatch, max(trainCount, validationCount)))
    }

    /// Trains each batch in parts on several cores, one part per network: this trainer's
    /// and `replicas`, built like it (the same layers; dropout seeds should differ). Off
    /// when it would not pay off (`BatchShards.isWorthwhile`), with state other than
    /// top-level batch normalization's (whose statistics the parts combine), or with carried
    /// recurrent state (each stream must stay on one network). Returns whether batches are
    /// now split.
    ///
    /// Results match unsplit training up to the order of float sums, but layer internals
    /// (probes, traces) see only the first part of each batch: the command line uses this,
    /// the live screens do not.
    @discardableResult
    public func splitBatches(across replicas: [Network]) throws(ModelError) -> Bool {
        guard BatchShards.isWorthwhile(network, batchSize: settings.batchSize) else { return false }
        return try splitBatchesWhenPossible(across: replicas)
    }

    /// `splitBatches` without asking whether it pays off (tests split tiny networks).
    func splitBatchesWhenPossible(across replicas: [Network]) throws(ModelError) -> Bool {
        guard !replicas.isEmpty, !settings.carriesRecurrentState else { return false }
        shards = try BatchShards(main: network, replicas: replicas, maxBatch: inputs.maxRows,
                                 sampleShape: data.train.inputShape, targetWidth: data.train.targetWidth)
        return true
    }

    /// Replicas worth building for `splitBatches` on this machine: one fewer than the cores
    /// to use (at most `maximumParts`), or none when `splitBatches` would not split.
    public static func replicaCount(for network: Network, settings: TrainingSettings, maximumParts: Int = .max) -> Int {
        replicaCount(settings: settings, reusesWeightsWithinSample: network.layers.contains(where: \.reusesWeightsWithinSample),
                     hasStateOutsideBatchNorm: network.hasStateOutsideBatchNorm, parameterCount: network.parameterCount,
                     partsAvailable: partsAvailable(maximumParts: maximumParts))
    }

    /// `replicaCount` from a network's facts, for a network not built yet (`TrainingFootprint`).
    static func replicaCount(settings: TrainingSettings, reusesWeightsWithinSample: Bool, hasStateOutsideBatchNorm: Bool,
                             parameterCount: Int, partsAvailable: Int) -> Int {
        guard !settings.carriesRecurrentState,
              BatchShards.isWorthwhile(reusesWeightsWithinSample: reusesWeightsWithinSample, hasStateOutsideBatchNorm: hasStateOutsideBatchNorm,
                                       parameterCount: parameterCount, batchSize: settings.batchSize) else { return 0 }
        return max(partsAvailable - 1, 0)
    }

    /// Parts a batch can be split into on this machine, at most `maximumParts`.
    public static func partsAvailable(maximumParts: Int = .max) -> Int { min(BatchShards.availableParts, maximumParts) }

    /// How many parts each batch is split into (1: whole batches). A batch too small to
    /// split runs whole.
    public var batchParts: Int { shards?.networks.count ?? 1 }

    public var stepsPerEpoch: Int { (order.count + settings.batchSize - 1) / settings.batchSize }
    public var totalSteps: Int { stepsPerEpoch * settings.epochs }
    /// Class predictions per sample: 1, or one per time step for sequence outputs `[T, classes]`.
    public var predictionsPerSample: Int {
        network.outputShape.reduce(1, *) / max(network.outputShape.last ?? 1, 1)
    }

    public var isClassification: Bool {
        if case .classification = data.train.task { return true }
        return false
    }

    /// The learning rate the next step will use.
    public var currentLearningRate: Float {
        settings.schedule.learningRate(base: settings.optimizer.learningRate, step: step, totalSteps: totalSteps)
    }

    // MARK: Live changes (applied between steps)

    public func setLearningRate(_ rate: Float) {
        settings.optimizer.learningRate = rate
        optimizer.learningRate = rate
    }

    public func setPenalty(_ penalty: Penalty) {
        settings.penalty = penalty
        network.penalty = penalty
    }

    public func setClipNorm(_ norm: Float?) { settings.clipNorm = norm }

    public func setSchedule(_ schedule: LearningRateSchedule) { settings.schedule = schedule }

    public func setEpochs(_ epochs: Int) { settings.epochs = max(1, epochs) }

    /// A new batch size takes effect from the next batch; buffers grow only if needed.
    public func setBatchSize(_ size: Int) throws(ModelError) {
        guard size >= 1 else { throw ModelError("batch size must be at least 1, got \(size)") }
        // Carried state pairs sample b with sample b of the last batch: a new width is a new stream.
        if settings.carriesRecurrentState && size != settings.batchSize {
            throw ModelError("batch size is the number of parallel streams with tbptt on; rebuild to change it")
        }
        if size <= inputs.maxRows {
            settings.batchSize = size
            return
        }
        throw ModelError("batch size \(size) exceeds this model's buffers (\(inputs.maxRows)); rebuild to use it")
    }

    // MARK: Training

    /// Trains on the next batch. Returns the epoch's report when this step finished an epoch.
    @discardableResult
    public func trainStep(measureGradientNorm: Bool = false) -> EpochReport? {
        guard divergence == nil else { return nil }
        if position == 0 {
            // Per thread and cheap: set at each epoch so whichever thread trains has it.
            BLASInfo.flushDenormalsToZero()
            startEpoch()
        }
        let batch = min(settings.batchSize, order.count - position)
        let started = monotonicSeconds()
        if recordsBatchIndices { lastBatchIndices = Array(order[position ..< position + batch]) }
        let (batchLoss, correct) = computeGradients(order[position ..< position + batch])
        epochCorrect += correct
        let finishesEpoch = position + batch >= order.count
        if let clip = settings.clipNorm {
            lastGradientNorm = clipGradients(network.trainableParameters, maximumNorm: clip)
        } else if measureGradientNorm || finishesEpoch {
            lastGradientNorm = globalGradientNorm(network.trainableParameters)
        }
        let rate = currentLearningRate
        if let momentum = settings.schedule.momentum(step: step, totalSteps: totalSteps) {
            optimizer.setScheduledMomentum(momentum)
        }
        if batchLoss.isFinite {
            if tracksUpdateRatios { rememberWeights() }
            optimizer.step(network.trainableParameters, learningRate: rate)
            if tracksUpdateRatios { measureUpdateRatios() }
        }
        let elapsed = monotonicSeconds() - started
        epochSeconds += elapsed
        trainingSeconds += elapsed
        lastBatchLoss = batchLoss
        epochLossSum += Double(batchLoss) * Double(batch)
        epochSamples += batch
        samplesSeen += batch
        step += 1
        position += batch
        if !batchLoss.isFinite || !lastGradientNorm.isFinite {
            divergence = Divergence(step: step, epoch: epoch + 1, likelyCause: diagnoseDivergence(rate: rate))
            return nil
        }
        return finishesEpoch ? finishEpoch(learningRate: rate) : nil
    }

    /// Loads a batch and leaves its gradients in the parameters: the loss (data and penalty)
    /// and how many predictions were right.
    func computeGradients(_ indices: ArraySlice<Int>) -> (loss: Float, correct: Int) {
        if let shards {
            let (dataLoss, correct) = shards.computeGradients(indices: indices, from: data.train, countsCorrect: isClassification)
            return (dataLoss + network.penalty.apply(to: network.parameters), correct)
        }
        loadBatch(indices, from: data.train)
        let (outputs, loss) = settings.carriesRecurrentState
            ? carryingRecurrentState { network.computeGradients(inputs: inputs, targets: targets) }
            : network.computeGradients(inputs: inputs, targets: targets)
        return (loss, isClassification ? countCorrect(outputs: outputs, targets: targets) : 0)
    }

    /// When on, each step keeps its batch's sample indices in `lastBatchIndices` (a copy, as
    /// the order is reshuffled when an epoch ends): for replaying the steps elsewhere.
    public var recordsBatchIndices = false
    /// The training samples of the last step's batch, in order, while `recordsBatchIndices` is on.
    public private(set) var lastBatchIndices: [Int] = []

    /// Trains until the current epoch ends (or the run diverges).
    public func trainEpoch() -> EpochReport? {
        while divergence == nil {
            if let report = trainStep() { return report }
        }
        return nil
    }

    /// The mean training loss of the epoch so far (nil before its first step): a live
    /// curve's point inside an epoch too long to wait for.
    public var epochLossSoFar: Float? {
        epochSamples > 0 && position > 0 ? Float(epochLossSum / Double(epochSamples)) : nil
    }

    /// Loss and accuracy over a dataset (its first `limit` samples when given), in
    /// evaluation mode (no dropout), no gradients.
    public func evaluate(_ whole: any Dataset, limit: Int? = nil) -> Evaluation {
        let dataset = limit.map { LeadingSamples(of: whole, count: $0) as any Dataset } ?? whole
        guard dataset.count > 0 else { return Evaluation(loss: .nan, accuracy: nil) }
        var lossSum: Double = 0
        var correct = 0, correctSequences = 0
        let scoresSequences = isClassification && predictionsPerSample > 1
        var start = 0
        let chunk = inputs.maxRows
        let indices = Array(0..<dataset.count)
        while start < dataset.count {
            let end = min(start + chunk, dataset.count)
            let part: (lossSum: Double, correct: Int, correctSequences: Int)
            if let shards {
                part = shards.evaluate(indices: indices[start..<end], from: dataset, countsCorrect: isClassification,
                                       scoresSequences: scoresSequences)
            } else {
                loadBatch(indices[start..<end], from: dataset)
                part = network.evaluateBatch(inputs: inputs, targets: targets, countsCorrect: isClassification,
                                             scoresSequences: scoresSequences)
            }
            lossSum += part.lossSum
            correct += part.correct
            correctSequences += part.correctSequences
            start = end
        }
        let loss = Float(lossSum / Double(dataset.count)) + network.penalty.value(of: network.parameters)
        return Evaluation(loss: loss, accuracy: isClassification ? Float(correct) / Float(dataset.count * predictionsPerSample) : nil,
                          sequenceAccuracy: scoresSequences ? Float(correctSequences) / Float(dataset.count) : nil)
    }

    /// The network's outputs for arbitrary inputs (rows of `inputShape`), in evaluation mode:
    /// for decision-boundary grids and probes. Returns rows of `outputShape`.
    public func predict(_ samples: [Float]) -> [Float] {
        let size = network.inputShape.reduce(1, *)
        let outputWidth = network.outputShape.reduce(1, *)
        var result = [Float](repeating: 0, count: samples.count / size * outputWidth)
        var start = 0
        let total = samples.count / size
        while start < total {
            let rows = min(inputs.maxRows, total - start)
            inputs.setRows(rows)
            samples.withUnsafeBufferPointer { inputs.data.update(from: $0.baseAddress! + start * size, count: rows * size) }
            let outputs = network.forward(inputs, training: false)
            for i in 0..<rows * outputWidth { result[start * outputWidth + i] = outputs.data[i] }
            start += rows
        }
        return result
    }

    private func rememberWeights() {
        let weights = network.weights
        if weightsBeforeStep.count != weights.count {
            weightsBeforeStep = weights.map { Tensor(rows: $0.count, columns: 1) }
        }
        for (copy, weight) in zip(weightsBeforeStep, weights) { copy.data.update(from: weight.value.data, count: weight.count) }
    }

    private func measureUpdateRatios() {
        let weights = network.weights
        if updateRatioValues.count != weights.count { updateRatioValues = Array(repeating: nil, count: weights.count) }
        for (index, (before, weight)) in zip(weightsBeforeStep, weights).enumerated() {
            let (update, data) = Self.spreads(now: weight.value.data, before: before.data, count: weight.count)
            // An update of exactly zero on nonzero weights was computed and then lost: added to
            // weights that much larger, it rounds away in float32. That is -infinity, not a
            // clamped floor that would read as a measurement.
            updateRatioValues[index] = data == 0 ? nil : update == 0 ? -.infinity : log10f(update / data)
        }
    }

    /// The population standard deviations of `now − before` (the step's update) and of
    /// `now`, as `Summary` computes them, in one pass over both: this runs after every step
    /// of a run whose health view records, and a Playground step takes microseconds.
    static func spreads(now: UnsafePointer<Float>, before: UnsafePointer<Float>, count: Int) -> (update: Float, data: Float) {
        var updateSum = 0.0, updateSquares = 0.0, dataSum = 0.0, dataSquares = 0.0
        for i in 0..<count {
            let value = Double(now[i])
            let update = Double(now[i] - before[i])
            updateSum += update
            updateSquares += update * update
            dataSum += value
            dataSquares += value * value
        }
        let n = Double(max(count, 1))
        func deviation(_ sum: Double, _ squares: Double) -> Float {
            let mean = sum / n
            return Float(max(squares / n - mean * mean, 0).squareRoot())
        }
        return (deviation(updateSum, updateSquares), deviation(dataSum, dataSquares))
    }

    private func loadBatch(_ indices: ArraySlice<Int>, from dataset: any Dataset) {
        inputs.setRows(indices.count)
        targets.setRows(indices.count)
        dataset.fillBatch(indices: indices, inputs: inputs.data, targets: targets.data)
    }

    private func startEpoch() {
        if settings.carriesRecurrentState { clearRecurrentState() }
        epochLossSum = 0
        epochCorrect = 0
        epochSamples = 0
        epochSeconds = 0
    }

    private func finishEpoch(learningRate: Float) -> EpochReport {
        epoch += 1
        position = 0
        if !settings.carriesRecurrentState { random.shuffle(&order) }
        let validation = evaluate(data.validation)
        let report = EpochReport(
            epoch: epoch, step: step,
            trainLoss: Float(epochLossSum / Double(max(epochSamples, 1))),
            trainAccuracy: isClassification ? Float(epochCorrect) / Float(max(epochSamples * predictionsPerSample, 1)) : nil,
            validation: validation, learningRate: learningRate, gradientNorm: lastGradientNorm,
            samplesPerSecond: Double(epochSamples) / max(epochSeconds, 1e-9),
            trainingSeconds: trainingSeconds)
        watchForEarlyStop(report)
        return report
    }

    // MARK: Early stopping

    /// The early stop's record while `settings.earlyStopPatience` is set: the best epoch so far.
    public internal(set) var earlyStopping: EarlyStopping?
    /// The run stopped before its last epoch: `earlyStopPatience` epochs passed without a
    /// lower validation loss, and the best epoch's weights were put back.
    public internal(set) var stoppedEarly = false
    /// The best epoch's weights were put back (an early stop, or the last epoch not the best).
    public internal(set) var restoredBestEpoch: Int?

    /// The best epoch's report once its weights are back: the run's result, whose metrics
    /// every reader (summary, lab, claims) reports in place of the last epoch's.
    public var restoredReport: EpochReport? { restoredBestEpoch == nil ? nil : earlyStopping?.best }

    /// Whether training goes on: no divergence, no early stop, and epochs left.
    public var hasEpochsLeft: Bool { divergence == nil && !stoppedEarly && epoch < settings.epochs }

    private func watchForEarlyStop(_ report: EpochReport) {
        guard let patience = settings.earlyStopPatience, !stoppedEarly else { return }
        if earlyStopping == nil { earlyStopping = EarlyStopping(patience: patience) }
        let stops = earlyStopping!.observe(report, network: network)
        if stops { stoppedEarly = true }
        // At the end of the run, early or not, the best epoch's weights are the result.
        if stops || epoch >= settings.epochs, let best = earlyStopping?.best, best.epoch != epoch, earlyStopping!.restore(into: network) {
            restoredBestEpoch = best.epoch
        }
    }

    private func diagnoseDivergence(rate: Float) -> String {
        if rate >= 1 { return "the loss became NaN/Inf; the learning rate \(rate) is very large, try 10x smaller" }
        if settings.clipNorm == nil { return "the loss became NaN/Inf; lower the learning rate (now \(rate)) or clip gradients" }
        return "the loss became NaN/Inf with learning rate \(rate); lower it"
    }
}
