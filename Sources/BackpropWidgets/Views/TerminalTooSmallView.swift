/// What to show instead of a screen's layout when the terminal is smaller than
/// the layout needs: the current size and the size to enlarge it to.
public struct TerminalTooSmallView: Sendable {
    public var minimumWidth: Int
    public var minimumHeight: Int

    public init(minimumWidth: Int = 80, minimumHeight: Int = 24) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
    }

    /// Whether a terminal of this size is big enough for the real layout.
    public func fits(width: Int, height: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        buffer.fill(area, with: Cell(" ", style: theme.text))
        let paragraphs = [
            ("Terminal too small (\(area.width)x\(area.height))", theme.warning),
            ("enlarge to at least \(minimumWidth)x\(minimumHeight)", theme.text),
            ("q quits", theme.dimText),
        ]
        let lines = paragraphs.flatMap { text, style in WordWrap.lines(of: text, width: area.width).map { ($0, style) } }
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = area.x + max(0, (area.width - line.0.count) / 2)
            buffer.write(line.0, x: x, y: top + offset, style: line.1, clip: area)
        }
    }
}
