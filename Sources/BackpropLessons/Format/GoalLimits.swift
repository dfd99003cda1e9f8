/// Constraints a learner's run must respect for its goal to count ("at most 4 hidden
/// neurons", "within 200 epochs", "from epoch 200 on"). nil: no limit.
public struct GoalLimits: Equatable, Sendable {
    public var maxHiddenNeurons: Int?
    public var maxEpochs: Int?
    public var maxParameters: Int?
    /// The goal counts only from this epoch on: a validation loss that must stay low after
    /// a big network has had time to overfit, not just dip on the way.
    public var minEpochs: Int?
    /// The metric must pass at this many evaluated epochs in a row: one lucky epoch of a
    /// noisy validation loss does not count.
    public var holdEpochs: Int?
    /// The goal counts only once the run has ended (its last epoch, or an early stop), on
    /// the model it ends with: for early stopping, whose result is the best epoch's weights.
    public var atEnd: Bool

    public init(maxHiddenNeurons: Int? = nil, maxEpochs: Int? = nil, maxParameters: Int? = nil, minEpochs: Int? = nil,
                holdEpochs: Int? = nil, atEnd: Bool = false) {
        self.maxHiddenNeurons = maxHiddenNeurons
        self.maxEpochs = maxEpochs
        self.maxParameters = maxParameters
        self.minEpochs = minEpochs
        self.holdEpochs = holdEpochs
        self.atEnd = atEnd
    }

    /// The goal-file keys, in the order the authoring guide lists them.
    static let keys = ["max_hidden_neurons", "max_epochs", "max_parameters", "min_epochs", "hold_epochs", "at_end"]

    public func allow(hiddenNeurons: Int, epochs: Int, parameters: Int) -> Bool {
        hiddenNeurons <= (maxHiddenNeurons ?? .max) && epochs >= (minEpochs ?? 0) && epochs <= (maxEpochs ?? .max)
            && parameters <= (maxParameters ?? .max)
    }
}
