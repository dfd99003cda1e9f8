/// How a goal's metric is compared with its threshold.
public enum GoalComparison: String, CaseIterable, Equatable, Sendable {
    case atLeast = ">="
    case atMost = "<="

    public func holds(_ value: Double, threshold: Double) -> Bool {
        switch self {
        case .atLeast: value >= threshold
        case .atMost: value <= threshold
        }
    }
}
