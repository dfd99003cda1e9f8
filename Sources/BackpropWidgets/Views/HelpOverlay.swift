/// A box centred over the screen listing every key, in titled sections. What is
/// under the box is cleared; the rest of the screen stays visible around it.
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

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let keyWidth = sections.flatMap(\.hints).map(\.key.count).max() ?? 0
        var lines: [(text: String, key: String, style: Style)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(("", "", theme.text)) }
            lines.append((section.title, "", theme.accent))
            for hint in section.hints {
                lines.append((Table.fitted(hint.key, width: keyWidth, alignment: .left) + "  " + hint.action, hint.key, theme.text))
            }
        }
        let closing = "press ? or Esc to close"
        let contentWidth = max(lines.map(\.text.count).max() ?? 0, closing.count, title.count + 2)
        let box = area.centered(width: contentWidth + 4, height: lines.count + 4)
        buffer.fill(box, with: Cell(" ", style: theme.text))
        let inside = Panel(title: title, isFocused: true).render(in: box, buffer: &buffer, theme: theme)
        let content = inside.inset(horizontal: 1)
        for (offset, line) in lines.enumerated() {
            let y = content.y + offset
            guard y < content.maxY - 1 else {
                buffer.write("…", x: content.x, y: content.maxY - 2, style: theme.dimText, clip: content)
                break
            }
            buffer.write(line.text, x: content.x, y: y, style: line.style, clip: content)
            if !line.key.isEmpty { buffer.write(line.key, x: content.x, y: y, style: theme.accent, clip: content) }
        }
        buffer.write(closing, x: content.x, y: content.maxY - 1, style: theme.dimText, clip: content)
    }
}
