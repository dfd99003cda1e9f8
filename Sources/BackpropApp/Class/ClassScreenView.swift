import BackpropWidgets

/// The live class grid as one frame: the report's text lines in a panel, scrolled both
/// ways, with the keys and the refresh time on the bottom line. Pure: lines and scroll in,
/// cells out.
struct ClassScreenView {
    var lines: [String]
    var title: String
    var status: String
    var scrollRow = 0
    var scrollColumn = 0

    static let hints = [KeyHint("↑↓←→", "scroll"), KeyHint("r", "refresh"), KeyHint("q", "quit")]

    /// Rows of text the panel shows at `height` rows of screen.
    static func visibleRows(height: Int) -> Int { max(0, height - 3) }

    /// The scroll clamped so the last line and the widest column can still be reached.
    mutating func clampScroll(width: Int, height: Int) {
        let widest = lines.map(\.count).max() ?? 0
        scrollRow = min(max(0, scrollRow), max(0, lines.count - Self.visibleRows(height: height)))
        scrollColumn = min(max(0, scrollColumn), max(0, widest - (width - 4)))
    }

    func render(width: Int, height: Int, theme: Theme) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height, filledWith: theme.blankCell)
        let (body, footer) = (Rect(x: 0, y: 0, width: width, height: max(0, height - 1)), Rect(x: 0, y: max(0, height - 1), width: width, height: 1))
        let inside = Panel(title: title, isFocused: true).render(in: body, buffer: &buffer, theme: theme)
        for (offset, line) in lines.dropFirst(scrollRow).prefix(inside.height).enumerated() {
            let shown = String(line.dropFirst(scrollColumn))
            buffer.write(shown, x: inside.x + 1, y: inside.y + offset, style: offset == 0 && scrollRow == 0 ? theme.accent : theme.text,
                         clip: Rect(x: inside.x + 1, y: inside.y, width: max(0, inside.width - 1), height: inside.height))
        }
        StatusBar(hints: Self.hints, status: status).render(in: footer, buffer: &buffer, theme: theme)
        return buffer
    }
}
