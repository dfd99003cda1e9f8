/// The knobs of a training run that are not the architecture: they can change live
/// between steps without rebuilding the model.
public struct TrainingSettings: Equatable, Sendable {
    public var batchSize: Int
    public var optimizer: OptimizerSettings
    public var schedule: LearningRateSchedule
    public var penalty: Penalty
    /// Clip gradients to this global norm; nil for no clipping.
    public var clipNorm: Float?
    /// Planned epochs (schedules need the run's length).
    public var epochs: Int
    /// Truncated BPTT across batches: batches walk the training sequences in order as
    /// parallel streams (sample `b` of one batch continues sample `b` of the one before),
    /// and recurrent layers start each batch from the previous batch's final state.
    public var carriesRecurrentState = false
    /// Stop after this many epochs without a lower validation loss and keep the best
    /// epoch's weights (`EarlyStopping`); nil trains every epoch.
    public var earlyStopPatience: Int?

    public init(batchSize: Int, optimizer: OptimizerSettings, schedule: LearningRateSchedule = .constant,
                penalty: Penalty = Penalty(), clipNorm: Float? = nil, epochs: Int) {
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.schedule = schedule
        self.penalty = penalty
        self.clipNorm = clipNorm
        self.epochs = epochs
    }
}
