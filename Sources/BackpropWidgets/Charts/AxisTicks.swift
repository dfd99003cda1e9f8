import Foundation

/// Values worth labelling between an axis's ends, so a reader can tell a slope of 1/4 from
/// one of 1/3: round steps (1, 2, 2.5 or 5 times a power of ten) on a linear axis, and every
/// power of ten on a log axis.
public enum AxisTicks {
    /// The round step that cuts `low…high` into at most `intervals` parts.
    public static func step(low: Double, high: Double, intervals: Int) -> Double {
        let span = high - low
        guard span > 0, span.isFinite, intervals > 0 else { return 1 }
        let rough = span / Double(intervals)
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        for multiple in [1, 2, 2.5, 5, 10] where multiple * magnitude >= rough { return multiple * magnitude }
        return 10 * magnitude
    }

    /// `low…high` widened to whole steps of `step(low:high:intervals:)`: a fitted 0.018…0.98
    /// becomes 0…1, whose ends read as what they are.
    public static func rounded(low: Double, high: Double, intervals: Int) -> (low: Double, high: Double) {
        let step = step(low: low, high: high, intervals: intervals)
        return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
    }

    /// The multiples of the round step strictly between `low` and `high`.
    public static func linear(low: Double, high: Double, intervals: Int) -> [Double] {
        let step = step(low: low, high: high, intervals: intervals)
        guard high > low, step > 0 else { return [] }
        var values: [Double] = []
        var index = (low / step).rounded(.down) + 1
        while index * step < high - step * 1e-9 {
            if index * step > low + step * 1e-9 { values.append(index * step) }
            index += 1
        }
        return values
    }

    /// The whole powers of ten strictly inside `low…high`, given in log10 units.
    public static func decades(low: Double, high: Double) -> [Double] {
        guard high > low, high - low < 100 else { return [] }
        return stride(from: low.rounded(.down) + 1, to: high, by: 1).filter { $0 > low && $0 < high }
    }
}
