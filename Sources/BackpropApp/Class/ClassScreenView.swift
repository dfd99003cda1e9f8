import BackpropWidgets

/// The live class grid as one frame: the header line and the students' names stay in place
/// while the cells and the notes below scroll both ways; the keys and the time of the last
/// read are on the bottom line. Pure: lines and scroll in, cells out.
struct ClassScreenView {
    /// The grid's header line, then a line per student.
    var grid: [String] = []
    /// What follows the grid (legend, problems), scrolled with it.
    var notes: [String] = []
    /// Columns of every grid line that stay in place (the names).
    var frozenColumns = 0
    var title = ""
    var status = ""
    var scrollRow = 0
    var scrollColumn = 0

    static let hints = [KeyHint("↑↓←→", "scroll"), KeyHint("r", "read now"), KeyHint("q", "quit")]

    /// The lines under the header, which scroll up and down.
    private var scrolledLines: [(text: String, isGrid: Bool)] {
        grid.dropFirst().map { ($0, true) } + notes.map { ($0, false) }
    }

    /// Rows of scrolled lines the panel shows at `height` rows of screen (the border, the
    /// header and the status line take four).
    static func visibleRows(height: Int) -> Int { max(0, height - 4) }

    /// The scroll clamped so the last line and the widest column can still be reached.
    mutating func clampScroll(width: Int, height: Int) {
        let widest = (grid + notes).map(\.count).max() ?? 0
        scrollRow = min(max(0, scrollRow), max(0, scrolledLines.count - Self.visibleRows(height: height)))
        scrollColumn = min(max(0, scrollColumn), max(0, widest - (width - 4)))
    }

    func render(width: Int, height: Int, theme: Theme) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height, filledWith: theme.blankCell)
        let body = Rect(x: 0, y: 0, width: width, height: max(0, height - 1))
        let footer = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        let inside = Panel(title: title, isFocused: true).render(in: body, buffer: &buffer, theme: theme)
        guard inside.height > 0, inside.width > 1 else { return buffer }
        let text = Rect(x: inside.x + 1, y: inside.y, width: inside.width - 1, height: inside.height)
        if let header = grid.first { write(header, isGrid: true, row: 0, in: text, style: theme.accent, buffer: &buffer) }
        for (offset, line) in scrolledLines.dropFirst(scrollRow).prefix(max(0, text.height - 1)).enumerated() {
            write(line.text, isGrid: line.isGrid, row: offset + 1, in: text, style: theme.text, buffer: &buffer)
        }
        StatusBar(hints: Self.hints, status: status).render(in: footer, buffer: &buffer, theme: theme)
        return buffer
    }

    /// A grid line keeps its names and scrolls the rest; a note scrolls whole.
    private func write(_ line: String, isGrid: Bool, row: Int, in area: Rect, style: Style, buffer: inout CellBuffer) {
        let frozen = isGrid ? min(frozenColumns, area.width) : 0
        let shown = String(line.prefix(frozen)) + String(line.dropFirst(frozen + scrollColumn))
        buffer.write(shown, x: area.x, y: area.y + row, style: style, clip: area)
    }
}
