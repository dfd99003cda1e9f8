/// Lays a Markdown table out in columns that fit a width: columns shrink, widest first, and
/// cells wrap inside their column. Too narrow for columns, each row is stacked as
/// "header: cell" lines instead.
struct TableLayout {
    let width: Int
    static let separator = " │ "

    func lines(alignments: [TableAlignment], header: [[Span]], rows: [[[Span]]]) -> [StyledLine] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let available = width - Self.separator.count * (columns - 1)
        guard available >= 3 * columns else { return stacked(header: header, rows: rows) }
        var widths = (0..<columns).map { column in
            ([header] + rows).map { row in column < row.count ? length(row[column]) : 0 }.max() ?? 0
        }.map { max($0, 1) }
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        var lines = row(header.map { $0.map { Span($0.text, $0.style.union(.strong)) } }, widths: widths, alignments: alignments)
        if !header.isEmpty {
            let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
            lines.append(StyledLine([Span(rule, .muted)], kind: .table))
        }
        for cells in rows { lines += row(cells, widths: widths, alignments: alignments) }
        return lines
    }

    private func length(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.text.count } }

    private func row(_ cells: [[Span]], widths: [Int], alignments: [TableAlignment]) -> [StyledLine] {
        guard !cells.isEmpty else { return [] }
        let wrapped = widths.indices.map { column in
            column < cells.count ? TextWrapper.wrap(cells[column], width: widths[column]) : [[]]
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in
            var spans: [Span] = []
            for column in widths.indices {
                if column > 0 { spans.append(Span(Self.separator, .muted)) }
                let cell = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : []
                let gap = widths[column] - length(cell)
                let alignment = column < alignments.count ? alignments[column] : .left
                let before = alignment == .right ? gap : alignment == .center ? gap / 2 : 0
                let isLast = column == widths.count - 1
                if before > 0 { spans.append(Span(String(repeating: " ", count: before))) }
                spans += cell
                if gap - before > 0, !isLast { spans.append(Span(String(repeating: " ", count: gap - before))) }
            }
            return StyledLine(spans, kind: .table)
        }
    }

    private func stacked(header: [[Span]], rows: [[[Span]]]) -> [StyledLine] {
        var lines: [StyledLine] = []
        for cells in rows {
            if !lines.isEmpty { lines.append(StyledLine([Span("─", .muted)], kind: .table)) }
            for (column, cell) in cells.enumerated() {
                let label = column < header.count ? header[column].map { Span($0.text, $0.style.union(.strong)) } + [Span(": ", .strong)] : []
                lines += TextWrapper.wrap(label + cell, width: width).map { StyledLine($0, kind: .table) }
            }
        }
        return lines
    }
}
