/// Constraints a learner's run must respect for its goal to count ("at most 4 hidden
/// neurons", "within 200 epochs"). nil: no limit.
public struct GoalLimits: Equatable, Sendable {
    public var maxHiddenNeurons: Int?
    public var maxEpochs: Int?
    public var maxParameters: Int?

    public init(maxHiddenNeurons: Int? = nil, maxEpochs: Int? = nil, maxParameters: Int? = nil) {
        self.maxHiddenNeurons = maxHiddenNeurons
        self.maxEpochs = maxEpochs
        self.maxParameters = maxParameters
    }

    /// The goal-file keys, in the order the authoring guide lists them.
    static let keys = ["max_hidden_neurons", "max_epochs", "max_parameters"]

    public func allow(hiddenNeurons: Int, epochs: Int, parameters: Int) -> Bool {
        hiddenNeurons <= (maxHiddenNeurons ?? .max) && epochs <= (maxEpochs ?? .max) && parameters <= (maxParameters ?? .max)
    }
}
