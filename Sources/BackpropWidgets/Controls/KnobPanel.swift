/// A column of knobs, one per row: label on the left, value on the right. The
/// focused knob is highlighted and shows ◂ ▸ around its value; locked knobs are
/// dimmed and marked with a lock mark.
public struct KnobPanel: Sendable {
    public var knobs: [Knob]
    public var focusedIndex: Int?

    /// The mark after a locked knob's value.
    public static let lockMark: Character = "⊘"

    public init(knobs: [Knob], focusedIndex: Int? = nil) {
        self.knobs = knobs
        self.focusedIndex = focusedIndex
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let firstVisible = scrollOffset(visibleRows: area.height)
        let shown = min(area.height, knobs.count - firstVisible)
        for row in 0..<shown {
            let index = firstVisible + row
            drawKnob(knobs[index], isFocused: index == focusedIndex, in: area.row(row), buffer: &buffer, theme: theme)
        }
        // More knobs than rows: an arrow in the blank first column says which way the rest are.
        guard shown > 0 else { return }
        if firstVisible > 0 { buffer.put("↑", x: area.x, y: area.y, style: theme.dimText, clip: area) }
        if firstVisible + shown < knobs.count { buffer.put("↓", x: area.x, y: area.y + shown - 1, style: theme.dimText, clip: area) }
    }

    /// Keeps the focused knob in view when there are more knobs than rows.
    private func scrollOffset(visibleRows: Int) -> Int {
        guard let focusedIndex, visibleRows > 0, focusedIndex >= visibleRows else { return 0 }
        return min(focusedIndex - visibleRows + 1, max(0, knobs.count - visibleRows))
    }

    private func drawKnob(_ knob: Knob, isFocused: Bool, in row: Rect, buffer: inout CellBuffer, theme: Theme) {
        let style = isFocused ? theme.focus : knob.isLocked ? theme.lockedKnob : theme.text
        buffer.fill(row, with: Cell(" ", style: style))
        let value = Self.valueText(knob.displayValue, of: knob, isFocused: isFocused, width: row.width)
        let valueStart = max(row.x, row.maxX - value.count - 1)
        buffer.write(value, x: valueStart, y: row.y, style: style, clip: row)
        // A locked value too long for the mark beside it keeps the mark in the first column.
        if knob.isLocked, !value.hasSuffix(String(Self.lockMark)) {
            buffer.put(Self.lockMark, x: row.x, y: row.y, style: style, clip: row)
        }
        let labelArea = Rect(x: row.x + 1, y: row.y, width: valueStart - row.x - 2, height: 1)
        // The long label only when it would fit beside the knob's widest value too, so that it
        // does not switch forms as the value changes.
        let widest = Self.valueText(knob.widestDisplayValue, of: knob, isFocused: isFocused, width: row.width)
        let label = knob.label.count > labelArea.width - max(0, widest.count - value.count) ? knob.shortLabel ?? knob.label : knob.label
        buffer.write(TextFit.padded(label, width: labelArea.width, alignment: .left), x: labelArea.x, y: row.y, style: style, clip: labelArea)
    }

    /// The value as drawn: with the lock mark, or with ◂ ▸ when focused. When that leaves the
    /// label (its short form) too little room, the arrows close up on the value (`◂step:400:0.5▸`);
    /// then the whole value goes without them (the highlight marks the focus); only then does
    /// it lose its middle (`◂warm…cosine:100▸`). A locked value too long to carry its mark
    /// goes whole without it (the mark moves to the row's first column), then loses its
    /// middle. The label is never cut.
    private static func valueText(_ plain: String, of knob: Knob, isFocused: Bool, width: Int) -> String {
        let label = knob.shortLabel ?? knob.label
        // A space before the label, one between label and value, one after the value.
        let room = max(1, width - label.count - 3)
        let decorated = knob.isLocked ? plain + " " + String(lockMark) : isFocused ? "◂ " + plain + " ▸" : plain
        if decorated.count <= room { return decorated }
        if knob.isLocked { return TextFit.middleEllipsis(plain, width: room) }
        // A whole value goes before the arrows: "◂…▸" would hide the number being chosen.
        if isFocused {
            if ("◂" + plain + "▸").count <= room { return "◂" + plain + "▸" }
            if plain.count <= room { return plain }
            if room >= 5 { return "◂" + TextFit.middleEllipsis(plain, width: room - 2) + "▸" }
        }
        return TextFit.middleEllipsis(plain, width: room)
    }
}
