import Foundation

/// A line chart drawn in braille: several series over training steps, the y range
/// labelled at top and bottom, the first and last steps below, a legend and an
/// optional dashed horizontal reference line.
public struct LineChart: Sendable {
    /// How values map to height.
    public enum Scale: Sendable {
        case linear
        /// Log10 of the value; values that are not positive are left out.
        case logarithmic
    }

    public var series: [ChartSeries]
    public var scale: Scale
    public var xLabel: String
    /// A value marked by a dashed line across the plot, such as a baseline.
    public var referenceLine: Double?
    /// The values at the bottom and top of the plot; fitted to the data when nil.
    public var yRange: ClosedRange<Double>?

    public init(series: [ChartSeries], scale: Scale = .linear, xLabel: String = "", referenceLine: Double? = nil, yRange: ClosedRange<Double>? = nil) {
        self.series = series
        self.scale = scale
        self.xLabel = xLabel
        self.referenceLine = referenceLine
        self.yRange = yRange
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.height >= 2 && area.width >= 4 else { return }
        let plotHeight = area.height - 1
        let (low, high) = verticalRange()
        let topLabel = CompactNumber.format(untransformed(high))
        let bottomLabel = CompactNumber.format(untransformed(low))
        let labelWidth = min(max(topLabel.count, bottomLabel.count), area.width / 2)
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: area.width - labelWidth - 1, height: plotHeight)

        ChartAxes.drawVertical(labels: (topLabel, bottomLabel), labelWidth: labelWidth, plot: plot, area: area, buffer: &buffer, theme: theme)
        let (firstStep, lastStep) = stepRange()
        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        func dotY(_ value: Double) -> Int {
            let fraction = high > low ? (value - low) / (high - low) : 0.5
            return Int(((1 - fraction) * Double(canvas.dotHeight - 1)).rounded())
        }
        func dotX(_ step: Int) -> Int {
            let span = Double(max(1, lastStep - firstStep))
            return Int((Double(step - firstStep) / span * Double(canvas.dotWidth - 1)).rounded())
        }
        if let referenceLine, let level = transformed(referenceLine), level >= low && level <= high {
            let y = dotY(level)
            canvas.drawLine(fromX: 0, y0: y, toX: canvas.dotWidth - 1, y1: y, style: theme.dimText, priority: -1, pattern: .dashed)
            labelReference(referenceLine, row: plot.y + y / 4, labelWidth: labelWidth, plot: plot, area: area, buffer: &buffer, theme: theme)
        }
        for (index, line) in series.enumerated() {
            let style = line.style(in: theme)
            let pattern: LinePattern = ChartSeries.isDashed(at: index, in: theme) ? .dashed : .solid
            var previous: (x: Int, y: Int)?
            for point in line.points {
                guard let level = transformed(point.value) else { previous = nil; continue }
                let current = (x: dotX(point.step), y: dotY(min(max(level, low), high)))
                let start = previous ?? current
                canvas.drawLine(fromX: start.x, y0: start.y, toX: current.x, y1: current.y, style: style, priority: index, pattern: pattern)
                previous = current
            }
        }
        canvas.render(atX: plot.x, y: plot.y, buffer: &buffer)
        if series.allSatisfy({ $0.points.isEmpty }) {
            let message = "no data yet"
            buffer.write(message, x: plot.x + max(0, (plot.width - message.count) / 2), y: plot.y + plot.height / 2, style: theme.dimText, clip: plot)
        }
        ChartAxes.drawHorizontal(ends: (CompactNumber.format(Double(firstStep)), CompactNumber.format(Double(lastStep))), xLabel: xLabel,
                                 legend: series.map { ($0.name, $0.style(in: theme)) }, plot: plot, row: area.maxY - 1,
                                 buffer: &buffer, theme: theme)
    }

    /// Labels the reference line on the axis unless its row already has a label.
    private func labelReference(_ value: Double, row: Int, labelWidth: Int, plot: Rect, area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard row > plot.y && row < plot.maxY - 1 else { return }
        let label = CompactNumber.format(value)
        guard label.count <= labelWidth else { return }
        buffer.write(label, x: area.x + labelWidth - label.count, y: row, style: theme.dimText)
        buffer.put("┤", x: plot.x - 1, y: row, style: theme.dimText)
    }

    /// The plotted range in transformed units (log10 for a log scale).
    private func verticalRange() -> (low: Double, high: Double) {
        if let yRange, let low = transformed(yRange.lowerBound), let high = transformed(yRange.upperBound), high > low {
            return (low, high)
        }
        var low = Double.infinity, high = -Double.infinity
        for line in series {
            for point in line.points {
                guard let level = transformed(point.value) else { continue }
                low = min(low, level)
                high = max(high, level)
            }
        }
        if let referenceLine, let level = transformed(referenceLine) {
            low = min(low, level)
            high = max(high, level)
        }
        if low > high { return (0, 1) }
        if low == high {
            let pad = scale == .logarithmic ? 1 : max(abs(low) * 0.1, 1e-9)
            return (low - pad, high + pad)
        }
        return (low, high)
    }

    private func stepRange() -> (first: Int, last: Int) {
        let steps = series.flatMap { [$0.points.first?.step, $0.points.last?.step].compactMap { $0 } }
        return (steps.min() ?? 0, steps.max() ?? 0)
    }

    private func transformed(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear: return value
        case .logarithmic: return value > 0 ? log10(value) : nil
        }
    }

    private func untransformed(_ level: Double) -> Double {
        scale == .logarithmic ? pow(10, level) : level
    }
}
