import BackpropEngine

/// What one headless run of a lab (or a variant of it) gave, for claims to read: the
/// metrics before training and after every epoch, and what only the run's end can measure.
struct ClaimRunRecord {
    /// Before the first step, evaluated as the lab's screen does before its first epoch.
    var start: RunMetrics
    /// After each epoch, in order; shorter than the run's epochs when it diverged.
    var epochs: [RunMetrics] = []
    var diverged = false
    /// Share of the weights (not biases) that are exactly zero at the end.
    var zeroWeightShare = 0.0
    /// Share of the hidden ReLU units that are dead over the training set at the end (0 without ReLU).
    var deadUnitShare = 0.0
    var hiddenNeurons = 0
    var parameters = 0
    var plannedEpochs = 0

    /// Trains `configuration` from `seed` to its last epoch (or to divergence), as the lab would.
    init(configuration: RunConfiguration, seed: UInt64) throws {
        let run = try RunBuilder.prepare(configuration, seed: seed)
        let trainer = run.trainer
        let limit = TrainingSession.evaluationLimit
        let train = trainer.evaluate(trainer.data.train, limit: limit)
        let validation = trainer.evaluate(trainer.data.validation, limit: limit)
        start = RunMetrics(trainLoss: train.loss, trainAccuracy: train.accuracy, validationLoss: validation.loss,
                           validationAccuracy: validation.accuracy, sequenceAccuracy: validation.sequenceAccuracy,
                           baselineValidationLoss: run.baselineValidationLoss)
        plannedEpochs = trainer.settings.epochs
        while trainer.epoch < trainer.settings.epochs && trainer.divergence == nil {
            guard let report = trainer.trainStep() else { continue }
            epochs.append(RunMetrics(trainLoss: report.trainLoss, trainAccuracy: report.trainAccuracy,
                                     validationLoss: report.validation.loss, validationAccuracy: report.validation.accuracy,
                                     sequenceAccuracy: report.validation.sequenceAccuracy,
                                     baselineValidationLoss: run.baselineValidationLoss))
        }
        diverged = trainer.divergence != nil
        let weights = trainer.network.stateDict.filter { $0.key.hasSuffix("weight") }.values
        let weightCount = weights.reduce(0) { $0 + $1.values.count }
        let zeros = weights.reduce(0) { $0 + $1.values.count { $0 == 0 } }
        zeroWeightShare = weightCount == 0 ? 0 : Double(zeros) / Double(weightCount)
        let dead = diverged ? [] : trainer.deadUnits(in: trainer.data.train)
        let units = dead.reduce(0) { $0 + $1.units }
        deadUnitShare = units == 0 ? 0 : Double(dead.reduce(0) { $0 + $1.dead }) / Double(units)
        hiddenNeurons = configuration.hidden.reduce(0, +)
        parameters = trainer.network.parameterCount
    }
}
