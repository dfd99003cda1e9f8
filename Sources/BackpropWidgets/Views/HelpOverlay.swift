/// A box centred over the screen listing every key, in titled sections. What is
/// under the box is cleared; the rest of the screen stays visible around it.
///
/// On a short screen the box first drops the blank lines between sections, then sets the
/// sections in two columns, so every key stays listed down to 80x24; only an area smaller
/// than any terminal the app runs in cuts the list, and then says so with `…`.
public struct HelpOverlay: Sendable {
    /// A group of keys under a heading, such as `Training` or `Knobs`.
    public struct Section: Sendable, Equatable {
        public var title: String
        public var hints: [KeyHint]

        public init(_ title: String, _ hints: [KeyHint]) {
            self.title = title
            self.hints = hints
        }
    }

    public var title: String
    public var sections: [Section]

    public init(title: String = "Keys", sections: [Section]) {
        self.title = title
        self.sections = sections
    }

    static let closing = "press ? or Esc to close"
    /// Blank columns between the two columns of sections.
    static let columnGap = 3

    /// One line of a column: its text, the key at its start (drawn in the accent) and its style.
    private struct Line {
        var text: String
        var key: String
        var style: Style
    }

    /// The lines of `sections` in one column, keys padded to the column's widest.
    private func column(_ sections: ArraySlice<Section>, blankBetween: Bool, theme: Theme) -> [Line] {
        let keyWidth = sections.flatMap(\.hints).map(\.key.count).max() ?? 0
        var lines: [Line] = []
        for section in sections {
            if blankBetween && !lines.isEmpty { lines.append(Line(text: "", key: "", style: theme.text)) }
            lines.append(Line(text: section.title, key: "", style: theme.accent))
            for hint in section.hints {
                lines.append(Line(text: TextFit.padded(hint.key, width: keyWidth, alignment: .left) + "  " + hint.action, key: hint.key, style: theme.text))
            }
        }
        return lines
    }

    /// The columns to draw, loosest first: one column with blank lines between sections, one
    /// without, then two (split where their heights come closest) when the first two are too tall.
    private func columns(fitting area: Rect, theme: Theme) -> [[Line]] {
        let choices: [[[Line]]] = [
            [column(sections[...], blankBetween: true, theme: theme)],
            [column(sections[...], blankBetween: false, theme: theme)],
            twoColumns(theme: theme),
        ]
        // A box may go without the blank line above its closing line.
        return choices.first { size(of: $0).width <= area.width && size(of: $0).height - 1 <= area.height } ?? choices[1]
    }

    private func twoColumns(theme: Theme) -> [[Line]] {
        guard sections.count > 1 else { return [column(sections[...], blankBetween: false, theme: theme)] }
        let splits = (1..<sections.count).map { split in
            [column(sections[..<split], blankBetween: false, theme: theme), column(sections[split...], blankBetween: false, theme: theme)]
        }
        return splits.min { max($0[0].count, $0[1].count) < max($1[0].count, $1[1].count) }!
    }

    /// The box around `columns`: border, one space of margin, the closing line, and a blank
    /// line above it.
    private func size(of columns: [[Line]]) -> (width: Int, height: Int) {
        let widths = columns.map { $0.map(\.text.count).max() ?? 0 }
        let contentWidth = max(widths.reduce(0, +) + Self.columnGap * (columns.count - 1), Self.closing.count, title.count + 2)
        return (contentWidth + 4, (columns.map(\.count).max() ?? 0) + 4)
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let columns = columns(fitting: area, theme: theme)
        let size = size(of: columns)
        // Without room for the blank line above the closing line, the box goes without it.
        let box = area.centered(width: size.width, height: min(size.height, max(area.height, size.height - 1)))
        buffer.fill(box, with: Cell(" ", style: theme.text))
        let inside = Panel(title: title, isFocused: true).render(in: box, buffer: &buffer, theme: theme)
        let content = inside.inset(horizontal: 1)
        let listHeight = content.height - (box.height == size.height ? 2 : 1)
        var x = content.x
        for lines in columns {
            for (offset, line) in lines.enumerated() {
                let y = content.y + offset
                guard offset < listHeight - 1 || lines.count <= listHeight else {
                    buffer.write("…", x: x, y: y, style: theme.dimText, clip: content)
                    break
                }
                buffer.write(line.text, x: x, y: y, style: line.style, clip: content)
                if !line.key.isEmpty { buffer.write(line.key, x: x, y: y, style: theme.accent, clip: content) }
            }
            x += (lines.map(\.text.count).max() ?? 0) + Self.columnGap
        }
        buffer.writeFitted(Self.closing, x: content.x, y: content.maxY - 1, style: theme.dimText, clip: content)
    }
}
