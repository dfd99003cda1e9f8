/// The axes `LineChart` and `XYPlot` share: the value range labelled at the left of the
/// plot, and below it the x range's ends with the x label and the legend between them.
enum ChartAxes {
    /// The top and bottom labels right-aligned in the `labelWidth` columns left of `plot`,
    /// and the axis line with ticks at the labelled rows.
    static func drawVertical(labels: (top: String, bottom: String), labelWidth: Int, plot: Rect, area: Rect,
                             buffer: inout CellBuffer, theme: Theme) {
        let labelArea = Rect(x: area.x, y: area.y, width: labelWidth, height: plot.height)
        buffer.write(labels.top, x: area.x + labelWidth - labels.top.count, y: plot.y, style: theme.dimText, clip: labelArea)
        buffer.write(labels.bottom, x: area.x + labelWidth - labels.bottom.count, y: plot.maxY - 1, style: theme.dimText, clip: labelArea)
        for row in plot.y..<plot.maxY {
            buffer.put(row == plot.y || row == plot.maxY - 1 ? "┤" : "│", x: plot.x - 1, y: row, style: theme.dimText)
        }
    }

    /// The range's ends under the plot, and between them the x label and one legend entry
    /// per series (for two or more), dropping entries from the end until the rest fit.
    static func drawHorizontal(ends: (first: String, last: String), xLabel: String, legend: [(name: String, style: Style)],
                               plot: Rect, row: Int, buffer: inout CellBuffer, theme: Theme) {
        let axis = Rect(x: plot.x, y: row, width: plot.width, height: 1)
        buffer.write(ends.first, x: axis.x, y: row, style: theme.dimText, clip: axis)
        let lastX = axis.maxX - ends.last.count
        if lastX > axis.x + ends.first.count { buffer.write(ends.last, x: lastX, y: row, style: theme.dimText, clip: axis) }
        var entries: [(text: String, style: Style)] = []
        if !xLabel.isEmpty { entries.append((xLabel, theme.dimText)) }
        if legend.count > 1 {
            for (index, series) in legend.enumerated() {
                entries.append(((ChartSeries.isDashed(at: index, in: theme) ? "┅ " : "━ ") + series.name, series.style))
            }
        }
        let free = Rect(x: axis.x + ends.first.count + 1, y: row, width: lastX - axis.x - ends.first.count - 2, height: 1)
        while !entries.isEmpty {
            let width = entries.reduce(0) { $0 + $1.text.count } + 2 * (entries.count - 1)
            if width <= free.width {
                var x = free.x + (free.width - width) / 2
                for entry in entries { x = buffer.write(entry.text, x: x, y: row, style: entry.style, clip: free) + 2 }
                return
            }
            entries.removeLast()
        }
    }
}
