/// How a numeric knob's value is written.
public enum NumberFormat: Sendable, Equatable {
    /// Rounded to a whole number: `30`.
    case integer
    /// A fixed number of decimals, trailing zeros dropped: `0.03`.
    case decimals(Int)
    /// Short form with about three significant digits: `0.0001`, `12.3k`.
    case compact
    /// A fraction shown as a percentage: 0.7 → `70%`.
    case percent

    public func string(for value: Double) -> String {
        switch self {
        case .integer: String(Int(value.rounded()))
        case .decimals(let places): CompactNumber.fixed(value, decimals: places)
        case .compact: CompactNumber.format(value)
        case .percent: String(Int((value * 100).rounded())) + "%"
        }
    }
}
