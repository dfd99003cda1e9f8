/// Rows of text under a header, in aligned columns, with an optional highlighted row.
public struct Table: Sendable {
    /// One column: its title, its width and how cells sit in it.
    public struct Column: Sendable {
        /// Where a cell's text sits within its column.
        public enum Alignment: Sendable { case left, right, center }

        public var title: String
        /// Cells wide; when nil, as wide as the widest cell or title.
        public var width: Int?
        public var alignment: Alignment

        public init(_ title: String, width: Int? = nil, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var highlightedRow: Int?
    /// Blank cells between columns.
    public var spacing: Int

    public init(columns: [Column], rows: [[String]], highlightedRow: Int? = nil, spacing: Int = 2) {
        self.columns = columns
        self.rows = rows
        self.highlightedRow = highlightedRow
        self.spacing = spacing
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let widths = columnWidths()
        drawRow(columns.map(\.title), widths: widths, y: area.y, area: area, style: theme.accent, buffer: &buffer)
        if area.height > 1 {
            let ruleWidth = min(area.width, widths.reduce(0, +) + spacing * max(0, widths.count - 1))
            buffer.write(String(repeating: "─", count: ruleWidth), x: area.x, y: area.y + 1, style: theme.dimText, clip: area)
        }
        for (index, cells) in rows.enumerated() {
            let y = area.y + 2 + index
            guard y < area.maxY else { break }
            let isHighlighted = index == highlightedRow
            if isHighlighted { buffer.fill(area.row(y - area.y), with: Cell(" ", style: theme.focus)) }
            drawRow(cells, widths: widths, y: y, area: area, style: isHighlighted ? theme.focus : theme.text, buffer: &buffer)
        }
    }

    private func columnWidths() -> [Int] {
        columns.enumerated().map { index, column in
            column.width ?? rows.reduce(column.title.count) { max($0, index < $1.count ? $1[index].count : 0) }
        }
    }

    private func drawRow(_ cells: [String], widths: [Int], y: Int, area: Rect, style: Style, buffer: inout CellBuffer) {
        var x = area.x
        for (index, column) in columns.enumerated() {
            let text = TextFit.padded(index < cells.count ? cells[index] : "", width: widths[index], alignment: column.alignment)
            buffer.write(text, x: x, y: y, style: style, clip: area)
            x += widths[index] + spacing
        }
    }
}
