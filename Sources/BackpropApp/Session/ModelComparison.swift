import BackpropEngine

/// A second model trained on the run's own data from the same seed (an LSTM beside a
/// transformer), epoch by epoch, for the comparison view.
public struct ModelComparison: Sendable {
    public var name: String
    public var totalEpochs: Int
    public var epochsDone = 0
    /// (step, validation loss) after each of its epochs.
    public var validationLoss: [(step: Int, value: Double)] = []
    public var sequenceAccuracy: Float?

    public init(name: String, totalEpochs: Int) {
        self.name = name
        self.totalEpochs = totalEpochs
    }

    public var isFinished: Bool { epochsDone >= totalEpochs }

    mutating func record(_ report: EpochReport) {
        epochsDone = report.epoch
        validationLoss.append((report.step, Double(report.validation.loss)))
        sequenceAccuracy = report.validation.sequenceAccuracy
    }

    /// The recurrent model compared with a sequence transformer: the same data, seed and
    /// training settings, an LSTM of `units` after a character embedding instead of the blocks.
    static func recurrentCounterpart(of configuration: RunConfiguration, units: Int = 128) -> RunConfiguration? {
        guard configuration.transformer != nil, configuration.dataset.isSequence else { return nil }
        var recurrent = configuration
        recurrent.transformer = nil
        recurrent.hidden = [units]
        recurrent.sequence.cell = .lstm
        return recurrent
    }
}
