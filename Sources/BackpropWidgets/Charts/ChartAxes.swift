/// The axes `LineChart` and `XYPlot` share: the value range labelled at the left of the
/// plot, with round ticks between its ends, and below it the x range's ends with the x label
/// and the legend between them, the legend wrapping onto rows of its own when it is too long
/// for that row, so that every series is named.
enum ChartAxes {
    /// Labels right-aligned in the `labelWidth` columns left of `plot`, at their rows, and the
    /// axis line with a tick at each labelled row.
    static func drawVertical(labels: [(row: Int, text: String)], labelWidth: Int, plot: Rect, area: Rect,
                             buffer: inout CellBuffer, theme: Theme) {
        let labelArea = Rect(x: area.x, y: area.y, width: labelWidth, height: plot.height)
        let rows = Set(labels.map(\.row))
        for label in labels {
            buffer.write(label.text, x: area.x + labelWidth - label.text.count, y: label.row, style: theme.dimText, clip: labelArea)
        }
        for row in plot.y..<plot.maxY {
            buffer.put(rows.contains(row) ? "┤" : "│", x: plot.x - 1, y: row, style: theme.dimText)
        }
    }

    /// The top and bottom labels, a `marked` value (a reference line) on any other row, and
    /// each tick whose row keeps a free row between it and every other label. `row` gives the
    /// screen row of a value in plotted units.
    static func verticalLabels(top: Double, bottom: Double, marked: Double? = nil, ticks: [Double], plot: Rect, row: (Double) -> Int,
                               text: (Double) -> String) -> [(row: Int, text: String)] {
        var labels = [(row: plot.y, text: text(top)), (row: plot.maxY - 1, text: text(bottom))]
        if let marked, labels.allSatisfy({ $0.row != row(marked) }), row(marked) > plot.y, row(marked) < plot.maxY - 1 {
            labels.append((row(marked), text(marked)))
        }
        for tick in ticks {
            let tickRow = row(tick)
            guard labels.allSatisfy({ abs($0.row - tickRow) > 1 }) else { continue }
            labels.append((tickRow, text(tick)))
        }
        return labels
    }

    /// The row under a plot: the x range's ends, then notes (the x label, `y: log`) and a
    /// legend entry per series (for two or more) between them.
    struct HorizontalAxis {
        var ends: (first: String, last: String)
        var notes: [String]
        var legend: [(name: String, style: Style)]
        /// Each legend entry's line, as `ChartSeries.marks` gives them.
        var marks: [SeriesMark]

        private func legendEntries(theme: Theme) -> [(text: String, style: Style)] {
            guard legend.count > 1 else { return [] }
            return zip(legend, marks).map { series, mark in (mark.legendPrefix + series.name, series.style) }
        }

        private func width(of entries: [(text: String, style: Style)]) -> Int {
            entries.reduce(0) { $0 + $1.text.count } + 2 * max(0, entries.count - 1)
        }

        /// Columns kept free beside each end, so that the last legend entry does not read as
        /// naming the step count next to it (`━ val 2500`); a chart with no row to spare for
        /// the legend keeps just one rather than drop an entry.
        static let endGap = 3

        /// Columns between the ends, `gap` kept on each side.
        private func freeWidth(plotWidth: Int, gap: Int = endGap) -> Int {
            plotWidth - ends.first.count - ends.last.count - 2 * gap
        }

        /// Rows the legend needs under the axis row, 0 when it fits on that row with the notes.
        func legendRows(plotWidth: Int, theme: Theme) -> Int {
            let notes = self.notes.map { (text: $0, style: theme.dimText) }
            let legend = legendEntries(theme: theme)
            guard !legend.isEmpty, width(of: notes + legend) > freeWidth(plotWidth: plotWidth) else { return 0 }
            return FlowLegend(entries: legend).rows(width: plotWidth)
        }

        /// Draws the axis row at `row`, and the legend in the `legendRows` rows under it when
        /// it has any; entries that still do not fit are dropped from the end.
        func draw(plot: Rect, row: Int, legendRows: Int, buffer: inout CellBuffer, theme: Theme) {
            let axis = Rect(x: plot.x, y: row, width: plot.width, height: 1)
            buffer.write(ends.first, x: axis.x, y: row, style: theme.dimText, clip: axis)
            let lastX = axis.maxX - ends.last.count
            if lastX > axis.x + ends.first.count { buffer.write(ends.last, x: lastX, y: row, style: theme.dimText, clip: axis) }
            var entries = notes.map { (text: $0, style: theme.dimText) }
            if legendRows > 0 {
                FlowLegend(entries: legendEntries(theme: theme))
                    .render(in: Rect(x: plot.x, y: row + 1, width: plot.width, height: legendRows), buffer: &buffer)
            } else {
                entries += legendEntries(theme: theme)
            }
            let roomy = freeWidth(plotWidth: plot.width) >= width(of: entries)
            let gap = roomy ? Self.endGap : 1
            let free = Rect(x: axis.x + ends.first.count + gap, y: row, width: freeWidth(plotWidth: plot.width, gap: gap), height: 1)
            while !entries.isEmpty {
                let width = width(of: entries)
                if width <= free.width {
                    var x = free.x + (free.width - width) / 2
                    for entry in entries { x = buffer.write(entry.text, x: x, y: row, style: entry.style, clip: free) + 2 }
                    return
                }
                entries.removeLast()
            }
        }
    }
}
