/// How a numeric knob moves from one value to the next.
public enum NumericSteps: Sendable, Equatable {
    /// Add or subtract a fixed amount, landing on multiples of it.
    case linear(Double)
    /// Multiply or divide by a factor greater than 1.
    case logarithmic(factor: Double)
    /// Move along an explicit ascending list, such as TensorFlow Playground's
    /// learning rates 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10.
    case ladder([Double])

    /// The value one step up or down from `value` (before clamping to the knob's range).
    public func next(after value: Double, upward: Bool) -> Double {
        switch self {
        case .linear(let step):
            guard step > 0 else { return value }
            // Snap to the grid of multiples so that 0.07 + 0.05 gives 0.1, not 0.12.
            let position = value / step
            let snapped = upward ? (position + 1e-9).rounded(.down) + 1 : (position - 1e-9).rounded(.up) - 1
            return (snapped * step * 1e9).rounded() / 1e9
        case .logarithmic(let factor):
            guard factor > 1 else { return value }
            return upward ? value * factor : value / factor
        case .ladder(let values):
            let relativeTolerance = 1e-9 * max(1, abs(value))
            if upward {
                return values.first { $0 > value + relativeTolerance } ?? value
            }
            return values.last { $0 < value - relativeTolerance } ?? value
        }
    }
}
