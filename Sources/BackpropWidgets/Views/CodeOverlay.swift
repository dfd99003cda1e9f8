/// A program's text in a box over the screen, scrolled a line at a time: the PyTorch
/// script written for a lab's model. Lines are never cut: one too long for the box goes on
/// in the next row, after a `↪` in the indentation so that it does not read as a new line.
public struct CodeOverlay: Sendable {
    public var title: String
    public var text: String
    /// The first row shown (of the wrapped rows).
    public var firstRow: Int
    public var footer: String

    public init(title: String, text: String, firstRow: Int = 0, footer: String = "↑ ↓ PgUp PgDn scroll · Esc closes") {
        self.title = title
        self.text = text
        self.firstRow = firstRow
        self.footer = footer
    }

    /// The box on a screen of `bounds`: all of it, so no border of the screen under it shows
    /// beside its own.
    public static func box(in bounds: Rect) -> Rect { bounds }

    /// The rows the text makes at `width` columns. A row too long breaks after its last
    /// space in the second half of the width, else at the width.
    public static func rows(of text: String, width: Int) -> [String] {
        guard width > 2 else { return [] }
        let indent = "↪ "
        var rows: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line), room = width, prefix = ""
            repeat {
                var piece = rest.prefix(room)
                if rest.count > room, let space = piece.lastIndex(of: " "), piece.distance(from: piece.startIndex, to: space) >= room / 2 {
                    piece = piece[...space]
                }
                rows.append(prefix + piece)
                rest = rest.dropFirst(piece.count)
                room = width - indent.count
                prefix = indent
            } while !rest.isEmpty
        }
        return rows
    }

    /// The inside of the box on a screen of `bounds`: where the rows go.
    public static func textArea(in bounds: Rect) -> Rect {
        let box = box(in: bounds)
        return Rect(x: box.x + 2, y: box.y + 1, width: max(0, box.width - 4), height: max(0, box.height - 3))
    }

    /// The largest `firstRow` that still fills the box.
    public static func maximumFirstRow(text: String, in bounds: Rect) -> Int {
        let area = textArea(in: bounds)
        return max(0, rows(of: text, width: area.width).count - area.height)
    }

    public func render(in bounds: Rect, buffer: inout CellBuffer, theme: Theme) {
        let box = Self.box(in: bounds.intersection(buffer.bounds))
        guard box.width >= 10, box.height >= 4 else { return }
        buffer.fill(box, with: Cell(" ", style: theme.text))
        Panel(title: Panel.fittedTitle([title, TextFit.middleEllipsis(title, width: max(1, box.width - 4))], in: box), isFocused: true)
            .render(in: box, buffer: &buffer, theme: theme)
        let area = Self.textArea(in: bounds)
        let rows = Self.rows(of: text, width: area.width)
        let first = min(max(0, firstRow), max(0, rows.count - area.height))
        for (offset, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
            buffer.write(row, x: area.x, y: area.y + offset, style: row.hasPrefix("↪") ? theme.dimText : theme.text, clip: area)
        }
        let position = rows.isEmpty ? "" : " · rows \(first + 1)–\(min(rows.count, first + area.height)) of \(rows.count)"
        let line = TextFit.first(of: [footer + position, footer], width: area.width)
        buffer.write(line, x: area.x, y: box.maxY - 2, style: theme.dimText, clip: Rect(x: area.x, y: box.maxY - 2, width: area.width, height: 1))
    }
}
