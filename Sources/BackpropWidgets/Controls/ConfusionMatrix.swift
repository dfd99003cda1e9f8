/// Counts of each true class (rows) against each predicted class (columns).
/// Correct predictions on the diagonal use the positive style, mistakes the
/// negative style, and zeros are dimmed, so the errors stand out without colour too.
///
/// When the class names are too long to head every column (Fashion-MNIST's in a pane of
/// 40 columns), the columns are headed by short codes `A`, `B`, … and each row says which
/// class its code stands for, or, when even that is too wide, a legend under the matrix
/// does. Counts are never cut: a column that does not fit is left out and counted.
public struct ConfusionMatrix: Sendable {
    public var classNames: [String]
    /// `counts[actual][predicted]`.
    public var counts: [[Int]]

    public init(classNames: [String], counts: [[Int]]) {
        self.classNames = classNames
        self.counts = counts
    }

    static let corner = "true\\pred"

    /// How the matrix is laid out in a given width.
    struct Layout: Equatable {
        /// Each row's label (names, `A T-shirt/top`, or codes alone).
        var rowLabels: [String]
        var labelWidth: Int
        var columnTitles: [String]
        /// Each column's width, a leading space included.
        var columnWidths: [Int]
        /// `A T-shirt/top` per class when the rows show codes alone, else empty.
        var legend: [String]
    }

    var classCount: Int { max(counts.count, counts.map(\.count).max() ?? 0) }

    func name(_ index: Int) -> String { index < classNames.count ? classNames[index] : String(index) }

    /// `A`…`Z` for the classes, or their numbers past 26.
    static func code(_ index: Int, of count: Int) -> String {
        count <= 26 ? String(Character(Unicode.Scalar(UInt8(65 + index)))) : String(index)
    }

    func digits(inColumn column: Int) -> Int {
        counts.map { column < $0.count ? String($0[column]).count : 1 }.max() ?? 1
    }

    func layout(width: Int) -> Layout {
        let classes = 0..<classCount
        let names = classes.map(name)
        let countWidth = classes.map(digits(inColumn:)).max() ?? 1
        let nameWidth = names.map(\.count).max() ?? 1
        let labelWidth = max(Self.corner.count, nameWidth)
        let cellWidth = max(nameWidth, countWidth) + 1
        if labelWidth + classCount * cellWidth <= width {
            return Layout(rowLabels: names, labelWidth: labelWidth, columnTitles: names,
                          columnWidths: Array(repeating: cellWidth, count: classCount), legend: [])
        }
        let codes = classes.map { Self.code($0, of: classCount) }
        let widths = classes.map { max(codes[$0].count, digits(inColumn: $0)) + 1 }
        let named = classes.map { codes[$0] + " " + names[$0] }
        let namedWidth = named.map(\.count).max() ?? 0
        if namedWidth + widths.reduce(0, +) <= width {
            return Layout(rowLabels: named, labelWidth: max(namedWidth, min(Self.corner.count, width - widths.reduce(0, +))),
                          columnTitles: codes, columnWidths: widths, legend: [])
        }
        return Layout(rowLabels: codes, labelWidth: codes.map(\.count).max() ?? 1, columnTitles: codes, columnWidths: widths, legend: named)
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let layout = layout(width: area.width)
        let corner = layout.labelWidth >= Self.corner.count ? Self.corner : ""
        buffer.write(TextFit.padded(corner, width: layout.labelWidth, alignment: .left), x: area.x, y: area.y, style: theme.dimText, clip: area)
        // Columns from the left while they fit whole; the rest are counted below.
        var columnXs: [Int] = []
        var x = area.x + layout.labelWidth
        for width in layout.columnWidths where x + width <= area.maxX {
            columnXs.append(x)
            x += width
        }
        for (column, columnX) in columnXs.enumerated() {
            buffer.write(TextFit.padded(layout.columnTitles[column], width: layout.columnWidths[column], alignment: .right),
                         x: columnX, y: area.y, style: theme.accent, clip: area)
        }
        for (actual, row) in counts.enumerated() {
            let y = area.y + 1 + actual
            guard y < area.maxY else { break }
            buffer.write(TextFit.padded(layout.rowLabels[actual], width: layout.labelWidth, alignment: .left), x: area.x, y: y, style: theme.accent, clip: area)
            for (predicted, count) in row.enumerated() where predicted < columnXs.count {
                let style = count == 0 ? theme.dimText : actual == predicted ? theme.positive.adding(.bold) : theme.negative
                buffer.write(TextFit.padded(String(count), width: layout.columnWidths[predicted], alignment: .right),
                             x: columnXs[predicted], y: y, style: style, clip: area)
            }
        }
        var below = area.y + 1 + counts.count + 1
        let hidden = classCount - columnXs.count
        if hidden > 0 {
            buffer.writeFitted("\(hidden) predicted classes off the right: a wider pane shows them", x: area.x, y: below, style: theme.dimText, clip: area)
            below += 1
        }
        if !layout.legend.isEmpty && below < area.maxY {
            FlowLegend(entries: layout.legend.map { ($0, theme.dimText) })
                .render(in: Rect(x: area.x, y: below, width: area.width, height: area.maxY - below), buffer: &buffer)
        }
    }
}
