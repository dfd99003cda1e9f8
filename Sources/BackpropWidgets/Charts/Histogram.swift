/// Vertical bars of counts drawn with eighth blocks, with the value range of the
/// bins labelled underneath: distributions of activations and gradients.
public struct Histogram: Sendable {
    /// One count per bin, left to right.
    public var counts: [Double]
    /// The values covered by the first and last bin, labelled under the bars when given.
    public var range: ClosedRange<Double>?
    public var style: Style?

    /// Bars for `counts`; without a `style` the bars use the theme's accent.
    public init(counts: [Double], range: ClosedRange<Double>? = nil, style: Style? = nil) {
        self.counts = counts
        self.range = range
        self.style = style
    }

    /// Counts `values` into `bins` equal bins over `range`; values outside are
    /// counted in the nearest end bin, non-finite values are skipped.
    public static func binning(_ values: [Float], bins: Int, range: ClosedRange<Double>) -> [Double] {
        var counts = Array(repeating: 0.0, count: max(1, bins))
        let width = range.upperBound - range.lowerBound
        for value in values where value.isFinite {
            let fraction = width > 0 ? (Double(value) - range.lowerBound) / width : 0.5
            counts[min(counts.count - 1, max(0, Int(fraction * Double(counts.count))))] += 1
        }
        return counts
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty, !counts.isEmpty else { return }
        let barArea = range == nil ? area : Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        let bars = Self.resample(counts, to: barArea.width)
        let tallest = bars.max() ?? 0
        let barStyle = style ?? theme.accent
        let eighths = barArea.height * 8
        for (offset, count) in bars.enumerated() {
            var remaining = tallest > 0 ? Int((count / tallest * Double(eighths)).rounded()) : 0
            if count > 0 && remaining == 0 { remaining = 1 }
            for row in stride(from: barArea.maxY - 1, through: barArea.y, by: -1) where remaining > 0 {
                buffer.put(BlockLevels.vertical[min(8, remaining)], x: barArea.x + offset, y: row, style: barStyle)
                remaining -= 8
            }
        }
        if let range, area.height > 1 {
            let row = area.maxY - 1
            let low = CompactNumber.format(range.lowerBound), high = CompactNumber.format(range.upperBound)
            buffer.write(low, x: area.x, y: row, style: theme.dimText, clip: area)
            if low.count + high.count < area.width {
                buffer.write(high, x: area.maxX - high.count, y: row, style: theme.dimText, clip: area)
            }
        }
    }

    /// One bar per column: bins are summed when there are more bins than columns
    /// and widened when there are fewer.
    static func resample(_ counts: [Double], to columns: Int) -> [Double] {
        guard columns > 0 else { return [] }
        return (0..<columns).map { column in
            let start = column * counts.count / columns
            let end = max(start + 1, (column + 1) * counts.count / columns)
            return counts[start..<min(end, counts.count)].reduce(0, +)
        }
    }
}
