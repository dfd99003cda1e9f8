import Foundation

/// A braille plot of curves over a real-valued x axis, linear or logarithmic: a function
/// and its derivative, a loss against the learning rate, a schedule over the steps. The
/// y range is labelled at the left with round ticks between its ends (a fitted range is
/// widened to round values), the x range below, with a legend, a dotted zero line when zero
/// is inside the range, and optional vertical markers.
public struct XYPlot: Sendable {
    /// One curve: its points in x order; points that are not finite break the line.
    public struct Curve: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var role: ChartSeries.Role

        public init(name: String, points: [(x: Double, y: Double)], role: ChartSeries.Role) {
            self.name = name
            self.points = points
            self.role = role
        }
    }

    /// A vertical line at `x`, labelled at the top of the plot.
    public struct Marker: Sendable {
        public var x: Double
        public var label: String

        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    public enum Scale: Sendable {
        case linear
        /// Log10 of x: a sweep over many powers of ten.
        case logarithmic
    }

    public var curves: [Curve]
    public var xScale: Scale
    public var xRange: ClosedRange<Double>
    /// Fitted to the curves when nil.
    public var yRange: ClosedRange<Double>?
    public var markers: [Marker]
    public var xLabel: String
    /// Values to label on the y axis between its ends; round steps fitted to the height when nil.
    public var yTicks: [Double]?

    public init(curves: [Curve], xScale: Scale = .linear, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>? = nil,
                markers: [Marker] = [], xLabel: String = "", yTicks: [Double]? = nil) {
        self.curves = curves
        self.xScale = xScale
        self.xRange = xRange
        self.yRange = yRange
        self.markers = markers
        self.xLabel = xLabel
        self.yTicks = yTicks
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.height >= 3 && area.width >= 8 else { return }
        let (low, high) = verticalRange()
        let marks = ChartSeries.marks(of: curves.map(\.role), in: theme)
        let axis = ChartAxes.HorizontalAxis(ends: (CompactNumber.format(xRange.lowerBound), CompactNumber.format(xRange.upperBound)),
                                            notes: xLabel.isEmpty ? [] : [xLabel], legend: curves.map { ($0.name, $0.role.style(in: theme)) },
                                            marks: marks)
        let ticks = yTicks.map { $0.filter { $0 > low && $0 < high } } ?? AxisTicks.linear(low: low, high: high, intervals: max(1, (area.height - 1) / 3))
        let label = { (value: Double) in CompactNumber.format(value) }
        let labelWidth = min(([low, high] + ticks).map { label($0).count }.max() ?? 1, area.width / 3)
        let plotWidth = area.width - labelWidth - 1
        let wrappedLegend = axis.legendRows(plotWidth: plotWidth, theme: theme)
        let legendRows = area.height - 1 - wrappedLegend >= LineChart.minimumPlotHeight ? wrappedLegend : 0
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: plotWidth, height: area.height - 1 - legendRows)
        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        let (left, right) = (position(xRange.lowerBound), position(xRange.upperBound))
        func dotX(_ x: Double) -> Int? {
            guard let p = position(x), let left, let right, right > left else { return nil }
            return Int(((p - left) / (right - left) * Double(canvas.dotWidth - 1)).rounded())
        }
        func dotY(_ y: Double) -> Int {
            let fraction = high > low ? (min(max(y, low), high) - low) / (high - low) : 0.5
            return Int(((1 - fraction) * Double(canvas.dotHeight - 1)).rounded())
        }
        if low < 0 && high > 0 {
            canvas.drawLine(fromX: 0, y0: dotY(0), toX: canvas.dotWidth - 1, y1: dotY(0), style: theme.dimText, priority: -2, pattern: .dotted)
        }
        for marker in markers {
            guard let x = dotX(marker.x), x >= 0, x < canvas.dotWidth else { continue }
            canvas.drawLine(fromX: x, y0: 0, toX: x, y1: canvas.dotHeight - 1, style: theme.warning, priority: -1, pattern: .dashed)
        }
        var ends: [(mark: SeriesMark, x: Int, y: Int, style: Style)] = []
        for (index, curve) in curves.enumerated() {
            let style = curve.role.style(in: theme)
            let mark = marks[index]
            var previous: (x: Int, y: Int)?
            for point in curve.points {
                guard point.y.isFinite, let x = dotX(point.x) else { previous = nil; continue }
                let current = (x: x, y: dotY(point.y))
                let start = previous ?? current
                canvas.drawLine(fromX: start.x, y0: start.y, toX: current.x, y1: current.y, style: style, priority: index, pattern: mark.pattern)
                previous = current
            }
            if let previous, previous.x >= 0, previous.x < canvas.dotWidth, previous.y >= 0, previous.y < canvas.dotHeight {
                ends.append((mark, previous.x, previous.y, style))
            }
        }
        canvas.render(atX: plot.x, y: plot.y, buffer: &buffer)
        let cells = LineChart.endNumberCells(ends.map { (x: $0.x / 2, y: $0.y / 4, numbered: $0.mark.number != nil) }, rows: plot.height)
        for (end, cell) in zip(ends, cells) {
            end.mark.drawNumber(atColumn: cell.x, row: cell.y, plot: plot, style: end.style, buffer: &buffer)
        }
        let labels = ChartAxes.verticalLabels(top: high, bottom: low, ticks: ticks, plot: plot, row: { plot.y + dotY($0) / 4 }, text: label)
        ChartAxes.drawVertical(labels: labels, labelWidth: labelWidth, plot: plot, area: area, buffer: &buffer, theme: theme)
        for marker in markers {
            guard let x = dotX(marker.x), x >= 0, x < canvas.dotWidth else { continue }
            let column = min(plot.x + x / 2, plot.maxX - marker.label.count)
            buffer.write(marker.label, x: max(plot.x, column), y: plot.y, style: theme.warning, clip: plot)
        }
        axis.draw(plot: plot, row: plot.maxY, legendRows: legendRows, buffer: &buffer, theme: theme)
    }

    /// The round steps a fitted y range is widened to.
    static let fittedIntervals = 4

    private func position(_ x: Double) -> Double? {
        switch xScale {
        case .linear: return x.isFinite ? x : nil
        case .logarithmic: return x > 0 && x.isFinite ? log10(x) : nil
        }
    }

    private func verticalRange() -> (low: Double, high: Double) {
        if let yRange, yRange.upperBound > yRange.lowerBound { return (yRange.lowerBound, yRange.upperBound) }
        let values = curves.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        if low == high { return (low - max(abs(low) * 0.1, 1e-9), high + max(abs(high) * 0.1, 1e-9)) }
        // Fitted ends are widened to round values: 0…1 reads better than 0.018…0.98.
        return AxisTicks.rounded(low: low, high: high, intervals: Self.fittedIntervals)
    }
}
