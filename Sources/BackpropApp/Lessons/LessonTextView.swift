import BackpropLessons
import BackpropWidgets

/// Lesson text already wrapped into styled lines, drawn from `firstLine` down into an area:
/// each span in the theme's style for its role (headings and code in the accent, decoration
/// dimmed, strong text bold, emphasis and links underlined).
struct LessonTextView {
    let lines: [StyledLine]
    let firstLine: Int

    func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard area.width > 0, firstLine >= 0 else { return }
        for (row, line) in lines.dropFirst(firstLine).prefix(area.height).enumerated() {
            var x = area.x
            for span in line.spans {
                x = buffer.write(span.text, x: x, y: area.y + row, style: Self.style(span.style, in: line.kind, theme: theme), clip: area)
            }
        }
    }

    static func style(_ span: SpanStyle, in kind: LineKind, theme: Theme) -> Style {
        var style = theme.text
        if span.contains(.muted) { style = theme.dimText }
        if span.contains(.code) || kind == .code { style = theme.accent }
        if span.contains(.heading) || { if case .heading = kind { true } else { false } }() { style = theme.accent.adding(.bold) }
        if span.contains(.strong) { style = style.adding(.bold) }
        if span.contains(.emphasis) || span.contains(.link) { style = style.adding(.underline) }
        return style
    }
}
