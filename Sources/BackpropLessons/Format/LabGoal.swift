/// A challenge checked live against the lab's training run, e.g. `val_accuracy >= 0.95`
/// with at most 4 hidden neurons.
public struct LabGoal: Equatable, Sendable {
    public let metric: String
    public let comparison: GoalComparison
    public let threshold: Double
    public let limits: GoalLimits
    public let line: Int

    public init(metric: String, comparison: GoalComparison, threshold: Double, limits: GoalLimits, line: Int) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.limits = limits
        self.line = line
    }

    /// Whether a run with this metric value, size and epoch count meets the goal.
    public func isMet(metricValue: Double, hiddenNeurons: Int, epochs: Int, parameters: Int) -> Bool {
        metricValue.isFinite && comparison.holds(metricValue, threshold: threshold)
            && limits.allow(hiddenNeurons: hiddenNeurons, epochs: epochs, parameters: parameters)
    }

    /// "val_accuracy >= 0.95", for the goal line.
    public var statement: String { "\(metric) \(comparison.rawValue) \(threshold.formatted)" }
}

extension Double {
    /// Shortest text that reads back as the same number ("0.95", not "0.9500000000000001").
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
