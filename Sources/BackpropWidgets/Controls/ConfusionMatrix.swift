/// Counts of each true class (rows) against each predicted class (columns).
/// Correct predictions on the diagonal use the positive style, mistakes the
/// negative style, and zeros are dimmed, so the errors stand out without colour too.
public struct ConfusionMatrix: Sendable {
    public var classNames: [String]
    /// `counts[actual][predicted]`.
    public var counts: [[Int]]

    public init(classNames: [String], counts: [[Int]]) {
        self.classNames = classNames
        self.counts = counts
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let corner = "true\\pred"
        let largestCount = counts.joined().max() ?? 0
        let countWidth = String(largestCount).count + 1
        // Long class names (Fashion-MNIST's) are cut to fit every column in the area; the
        // counts always keep their full width.
        let longestName = classNames.map(\.count).max() ?? 1
        var headerWidth = max(corner.count, longestName)
        var cellWidth = max(longestName + 1, countWidth)
        if headerWidth + counts.count * cellWidth > area.width {
            headerWidth = min(headerWidth, max(area.width / 3, countWidth))
            cellWidth = max(countWidth, min(cellWidth, (area.width - headerWidth) / max(counts.count, 1)))
        }
        buffer.write(Table.fitted(corner, width: headerWidth, alignment: .left), x: area.x, y: area.y, style: theme.dimText, clip: area)
        for (column, name) in classNames.enumerated() {
            let x = area.x + headerWidth + column * cellWidth
            buffer.write(" " + Table.fitted(name, width: cellWidth - 1, alignment: .right), x: x, y: area.y, style: theme.accent, clip: area)
        }
        for (actual, row) in counts.enumerated() {
            let y = area.y + 1 + actual
            guard y < area.maxY else { break }
            let name = actual < classNames.count ? classNames[actual] : String(actual)
            buffer.write(Table.fitted(name, width: headerWidth, alignment: .left), x: area.x, y: y, style: theme.accent, clip: area)
            for (predicted, count) in row.enumerated() {
                let style = count == 0 ? theme.dimText : actual == predicted ? theme.positive.adding(.bold) : theme.negative
                let x = area.x + headerWidth + predicted * cellWidth
                buffer.write(Table.fitted(String(count), width: cellWidth, alignment: .right), x: x, y: y, style: style, clip: area)
            }
        }
    }
}
