import Foundation

/// A line chart drawn in braille: several series over training steps, the y range
/// labelled at top and bottom with round ticks between (every power of ten on a log scale,
/// which the axis row says), the first and last steps below, a legend and an optional
/// dashed horizontal reference line.
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
    /// What an empty chart says, longest form first (the first that fits is drawn).
    public var emptyMessages = ["no data yet"]
    /// The highest value a fitted range reaches: larger values are drawn at the top edge, so a
    /// diverging run's last 1e33 does not flatten everything before it onto the bottom row.
    public var ceiling: Double?
    /// What the reference line is, named in the legend with its dashes ("┄ bigram").
    public var referenceName: String?
    /// A step marked by a dotted vertical line, named in the legend ("┊ best"): the epoch
    /// early stopping keeps.
    public var markedStep: (step: Int, name: String)?

    public init(series: [ChartSeries], scale: Scale = .linear, xLabel: String = "", referenceLine: Double? = nil, yRange: ClosedRange<Double>? = nil) {
        self.series = series
        self.scale = scale
        self.xLabel = xLabel
        self.referenceLine = referenceLine
        self.yRange = yRange
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.height >= 2 && area.width >= 4 else { return }
        let (low, high, capped) = verticalRange()
        let (firstStep, lastStep) = stepRange()
        let marks = ChartSeries.marks(of: series.map(\.role), in: theme)
        let axis = ChartAxes.HorizontalAxis(ends: (CompactNumber.format(Double(firstStep)), CompactNumber.format(Double(lastStep))),
                                            notes: (xLabel.isEmpty ? [] : [xLabel]) + (scale == .logarithmic ? ["y: log"] : []),
                                            legend: series.map { ($0.name, $0.style(in: theme)) }
                                                + (referenceLine != nil ? referenceName.map { [($0, theme.dimText)] } ?? [] : [])
                                                + (markedStep.map { [($0.name, theme.accent)] } ?? []),
                                            marks: marks + (referenceLine != nil && referenceName != nil
                                                ? [SeriesMark(pattern: .dashed, glyph: "┄", number: nil)] : [])
                                                + (markedStep != nil ? [SeriesMark(pattern: .dotted, glyph: "┊", number: nil)] : []))
        let reference = referenceLine.flatMap(transformed).flatMap { $0 > low && $0 < high ? $0 : nil }
        let ticks = scale == .logarithmic
            ? AxisTicks.decades(low: low, high: high) : AxisTicks.linear(low: low, high: high, intervals: max(1, (area.height - 1) / 3))
        // Values above a ceiling are drawn at the top edge: its label says "≥", so the edge
        // does not read as where they ended.
        let label = { (level: Double) in (capped && level == high ? "≥" : "") + CompactNumber.format(self.untransformed(level)) }
        let labelWidth = min(([low, high] + ticks + (reference.map { [$0] } ?? [])).map { label($0).count }.max() ?? 1, area.width / 2)
        let plotWidth = area.width - labelWidth - 1
        let wrappedLegend = axis.legendRows(plotWidth: plotWidth, theme: theme)
        let legendRows = area.height - 1 - wrappedLegend >= Self.minimumPlotHeight ? wrappedLegend : 0
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: plotWidth, height: area.height - 1 - legendRows)

        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        // The sizes as constants: the helpers below must not capture the canvas, which
        // `trace` modifies while it calls them (an overlapping access, fatal at run time).
        let dotHeight = canvas.dotHeight, dotWidth = canvas.dotWidth
        func dotY(_ value: Double) -> Int {
            let fraction = high > low ? (value - low) / (high - low) : 0.5
            return Int(((1 - fraction) * Double(dotHeight - 1)).rounded())
        }
        func dotX(_ step: Int) -> Int {
            let span = Double(max(1, lastStep - firstStep))
            return Int((Double(step - firstStep) / span * Double(dotWidth - 1)).rounded())
        }
        let labels = ChartAxes.verticalLabels(top: high, bottom: low, marked: reference, ticks: ticks, plot: plot, row: { plot.y + dotY($0) / 4 }, text: label)
        ChartAxes.drawVertical(labels: labels, labelWidth: labelWidth, plot: plot, area: area, buffer: &buffer, theme: theme)
        if let level = referenceLine.flatMap(transformed), level >= low && level <= high {
            let y = dotY(level)
            canvas.drawLine(fromX: 0, y0: y, toX: dotWidth - 1, y1: y, style: theme.dimText, priority: -1, pattern: .dashed)
        }
        if let markedStep, markedStep.step >= firstStep, markedStep.step <= lastStep {
            let x = dotX(markedStep.step)
            canvas.drawLine(fromX: x, y0: 0, toX: x, y1: dotHeight - 1, style: theme.accent, priority: -1, pattern: .dotted)
        }
        var ends: [(mark: SeriesMark, x: Int, y: Int, style: Style)] = []
        // A backdrop (each step's loss) goes on a canvas of its own, under the lines: where it
        // is a dense band, the train and validation lines still show in their own cells.
        var backdrop = BrailleCanvas(columns: plot.width, rows: plot.height)
        /// Draws `line` on `target`; the dot where it ends, if it has one.
        func trace(_ line: ChartSeries, index: Int, style: Style, on target: inout BrailleCanvas) -> (x: Int, y: Int)? {
            var previous: (x: Int, y: Int)?
            for point in line.points {
                guard let level = transformed(point.value) else { previous = nil; continue }
                let current = (x: dotX(point.step), y: dotY(min(max(level, low), high)))
                let start = previous ?? current
                target.drawLine(fromX: start.x, y0: start.y, toX: current.x, y1: current.y, style: style, priority: index, pattern: marks[index].pattern)
                previous = current
            }
            return previous
        }
        for (index, line) in series.enumerated() {
            let style = line.style(in: theme)
            let end = line.role.isBackdrop ? trace(line, index: index, style: style, on: &backdrop) : trace(line, index: index, style: style, on: &canvas)
            if let end { ends.append((marks[index], end.x, end.y, style)) }
        }
        canvas.underlay(backdrop)
        canvas.render(atX: plot.x, y: plot.y, buffer: &buffer)
        let cells = Self.endNumberCells(ends.map { (x: $0.x / 2, y: $0.y / 4, numbered: $0.mark.number != nil) }, rows: plot.height)
        for (end, cell) in zip(ends, cells) {
            end.mark.drawNumber(atColumn: cell.x, row: cell.y, plot: plot, style: end.style, buffer: &buffer)
        }
        if series.allSatisfy({ $0.points.isEmpty }) {
            let message = TextFit.first(of: emptyMessages, width: plot.width)
            buffer.write(message, x: plot.x + max(0, (plot.width - message.count) / 2), y: plot.y + plot.height / 2, style: theme.dimText, clip: plot)
        }
        axis.draw(plot: plot, row: plot.maxY, legendRows: legendRows, buffer: &buffer, theme: theme)
    }

    /// The cell each line's end number goes in: its own end cell, unless another line's number
    /// ends in the same column nearby. Numbers sharing a column keep the order of their ends,
    /// top to bottom, one row apart (two racers ending at one loss must both stay named).
    static func endNumberCells(_ ends: [(x: Int, y: Int, numbered: Bool)], rows: Int) -> [(x: Int, y: Int)] {
        var cells = ends.map { (x: $0.x, y: $0.y) }
        let columns = Dictionary(grouping: ends.indices.filter { ends[$0].numbered }, by: { ends[$0].x })
        for indices in columns.values {
            let ordered = indices.sorted { (ends[$0].y, $0) < (ends[$1].y, $1) }
            var placed = ordered.map { ends[$0].y }
            for position in placed.indices.dropFirst() { placed[position] = max(placed[position], placed[position - 1] + 1) }
            // Past the bottom: push the stack back up, keeping one row between numbers.
            if let last = placed.indices.last { placed[last] = min(placed[last], rows - 1) }
            for position in placed.indices.reversed().dropFirst() { placed[position] = min(placed[position], placed[position + 1] - 1) }
            for (index, row) in zip(ordered, placed) { cells[index].y = max(row, 0) }
        }
        return cells
    }

    /// Rows of plot kept before the legend may take rows of its own.
    static let minimumPlotHeight = 3

    /// The plotted range in transformed units (log10 for a log scale).
    private func verticalRange() -> (low: Double, high: Double, capped: Bool) {
        if let yRange, let low = transformed(yRange.lowerBound), let high = transformed(yRange.upperBound), high > low {
            return (low, high, false)
        }
        var low = Double.infinity, high = -Double.infinity
        // A backdrop (each step's batch loss) is drawn clamped to the other lines' range: one
        // lucky batch near zero must not stretch a log axis and squash the curves that matter.
        let foreground = series.filter { !$0.role.isBackdrop && $0.points.contains { transformed($0.value) != nil } }
        for line in foreground.isEmpty ? series : foreground {
            for point in line.points {
                guard let level = transformed(point.value) else { continue }
                low = min(low, level)
                high = max(high, level)
            }
        }
        // Yet the backdrop's bulk shows: the axis reaches down to its lowest tenth, so a batch
        // loss that falls well ahead of the epoch's running mean is not drawn flat on the floor.
        if !foreground.isEmpty {
            for backdrop in series where backdrop.role.isBackdrop {
                let levels = backdrop.points.compactMap { transformed($0.value) }.sorted()
                if levels.count >= 10 { low = min(low, levels[levels.count / 10]) }
            }
        }
        if let referenceLine, let level = transformed(referenceLine) {
            low = min(low, level)
            high = max(high, level)
        }
        if let ceiling, let top = transformed(ceiling), top < high, top > low { return (low, top, true) }
        if low > high { return (0, 1, false) }
        if low == high {
            let pad = scale == .logarithmic ? 1 : max(abs(low) * 0.1, 1e-9)
            return (low - pad, high + pad, false)
        }
        return (low, high, false)
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
