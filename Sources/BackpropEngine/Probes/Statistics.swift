/// Mean, standard deviation and L2 norm of a block of floats, in one pass (double accumulators).
public struct Summary: Equatable, Sendable {
    public var mean: Float
    public var standardDeviation: Float
    public var norm: Float
    public var count: Int

    public init(_ values: UnsafePointer<Float>, count: Int) {
        var sum: Double = 0, sumOfSquares: Double = 0
        for i in 0..<count {
            let v = Double(values[i])
            sum += v
            sumOfSquares += v * v
        }
        let n = Double(max(count, 1))
        let mean = sum / n
        self.mean = Float(mean)
        // Population variance as PyTorch's `std(unbiased=False)`; clamped against rounding.
        standardDeviation = Float(max(sumOfSquares / n - mean * mean, 0).squareRoot())
        norm = Float(sumOfSquares.squareRoot())
        self.count = count
    }

    public init(_ values: [Float]) {
        self = values.withUnsafeBufferPointer { Summary($0.baseAddress!, count: $0.count) }
    }
}

/// Counts of values in equal-width bins over `[lower, upper]`; values outside are clamped
/// into the end bins so nothing disappears from the picture.
public struct Histogram: Equatable, Sendable {
    public var lower: Float
    public var upper: Float
    public var counts: [Int]

    public init(_ values: UnsafePointer<Float>, count: Int, bins: Int, lower: Float? = nil, upper: Float? = nil) {
        var low = lower ?? .infinity, high = upper ?? -.infinity
        if lower == nil || upper == nil {
            for i in 0..<count where values[i].isFinite {
                if lower == nil { low = min(low, values[i]) }
                if upper == nil { high = max(high, values[i]) }
            }
        }
        if !low.isFinite || !high.isFinite { low = -1; high = 1 }
        // Every value the same (all gradients zero): a range centred on it, so its one bar
        // stands in the middle rather than at the left edge. The pad grows with the value:
        // 1000 ± 1e-6 would round back to 1000 in Float and leave an empty range.
        if high <= low {
            let pad = max(1e-6, abs(low) * 1e-6)
            (low, high) = (low - pad, low + pad)
        }
        self.lower = low
        self.upper = high
        var counts = [Int](repeating: 0, count: max(bins, 1))
        let scale = Float(counts.count) / (high - low)
        let lastBin = Float(counts.count - 1)
        for i in 0..<count where values[i].isFinite {
            // Clamped while still a Float: an infinite position would trap in `Int(_:)`.
            let position = (values[i] - low) * scale
            counts[position.isNaN ? 0 : Int(min(max(position, 0), lastBin))] += 1
        }
        self.counts = counts
    }

    public init(_ values: [Float], bins: Int, lower: Float? = nil, upper: Float? = nil) {
        self = values.withUnsafeBufferPointer { Histogram($0.baseAddress!, count: $0.count, bins: bins, lower: lower, upper: upper) }
    }
}
