import BackpropEngine

/// The figures a run reports after an evaluation, by the names goals and claims use. The
/// lab's goal line and `backprop lint --claims` both read metrics through this one table.
struct RunMetrics: Equatable {
    var trainLoss: Float?
    var trainAccuracy: Float?
    var validationLoss: Float?
    var validationAccuracy: Float?
    var sequenceAccuracy: Float?
    /// The bigram model's validation loss, for word models.
    var baselineValidationLoss: Double?

    init(trainLoss: Float?, trainAccuracy: Float?, validationLoss: Float?, validationAccuracy: Float?,
         sequenceAccuracy: Float?, baselineValidationLoss: Double?) {
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.sequenceAccuracy = sequenceAccuracy
        self.baselineValidationLoss = baselineValidationLoss
    }

    /// The metrics of an epoch's report.
    init(report: EpochReport, baselineValidationLoss: Double?) {
        self.init(trainLoss: report.trainLoss, trainAccuracy: report.trainAccuracy, validationLoss: report.validation.loss,
                  validationAccuracy: report.validation.accuracy, sequenceAccuracy: report.validation.sequenceAccuracy,
                  baselineValidationLoss: baselineValidationLoss)
    }

    /// The metric named `metric`, or nil when this run has none (an accuracy of a regression).
    func value(of metric: String) -> Double? {
        let value: Float? = switch metric {
        case "train_loss": trainLoss
        case "val_loss": validationLoss
        case "train_accuracy": trainAccuracy
        case "val_accuracy": validationAccuracy
        case GoalCheck.baselineMetric: validationLoss.flatMap { loss in baselineValidationLoss.map { Float(Double(loss) / $0) } }
        case "sequence_accuracy": sequenceAccuracy
        default: nil
        }
        // Through the Float's shortest decimal form: an accuracy of exactly 0.95 is the Float
        // 0.949999988, which as a Double would miss a threshold of 0.95.
        return value.flatMap { Double("\($0)") }
    }

    /// Whether a higher value of `metric` is better (accuracies) rather than a lower one (losses).
    static func higherIsBetter(_ metric: String) -> Bool { metric.hasSuffix("accuracy") }
}

/// One epoch's metrics, numbered from 1.
struct EpochMetrics: Equatable {
    var epoch: Int
    var metrics: RunMetrics
}
