/// Turns Markdown blocks into styled lines at a width: headings, paragraphs, code blocks,
/// lists, block quotes as call-outs (a bar down the left), tables and rules. Narrower than
/// a list marker or a call-out bar, the decoration is left out rather than overflow.
struct MarkdownRenderer {
    let width: Int

    func render(_ blocks: [MarkdownBlock]) -> [StyledLine] {
        var lines: [StyledLine] = []
        for block in blocks {
            if !lines.isEmpty { lines.append(.blank) }
            lines += render(block)
        }
        return lines
    }

    private func render(_ block: MarkdownBlock) -> [StyledLine] {
        switch block.kind {
        case .heading(let level, let inlines):
            return wrap(spans(inlines, [.heading, .strong]), kind: .heading(level: level))
        case .paragraph(let inlines):
            return wrap(spans(inlines, []), kind: .body)
        case .code(_, let text):
            let codeLines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            return codeLines.flatMap { line in
                chunks(of: String(line)).map { StyledLine($0.isEmpty ? [] : [Span($0, .code)], kind: .code) }
            }
        case .list(let ordered, let start, let items):
            return list(ordered: ordered, start: start, items: items)
        case .quote(let children) where width <= 2:
            return render(children).map { StyledLine($0.spans, kind: .callout) }
        case .quote(let children):
            let inner = MarkdownRenderer(width: max(width - 2, 1)).render(children)
            return inner.map { StyledLine([Span("│ ", .muted)] + $0.spans, kind: .callout) }
        case .table(let alignments, let header, let rows):
            return TableLayout(width: width).lines(
                alignments: alignments, header: header.map { cellSpans($0) }, rows: rows.map { $0.map { cellSpans($0) } })
        case .rule:
            return [StyledLine([Span(String(repeating: "─", count: width), .muted)], kind: .rule)]
        case .html(let text):
            return wrap([Span(text.hasSuffix("\n") ? String(text.dropLast()) : text, .muted)], kind: .body)
        }
    }

    private func list(ordered: Bool, start: Int, items: [[MarkdownBlock]]) -> [StyledLine] {
        let markers = items.indices.map { ordered ? "\(start + $0). " : "• " }
        let markerWidth = markers.map(\.count).max() ?? 2
        guard width > markerWidth else { return render(Array(items.joined())) }
        let inner = MarkdownRenderer(width: max(width - markerWidth, 1))
        var lines: [StyledLine] = []
        for (index, item) in items.enumerated() {
            for (lineIndex, line) in inner.render(item).enumerated() {
                let marker = lineIndex == 0 ? markers[index].padding(to: markerWidth) : String(repeating: " ", count: markerWidth)
                lines.append(line.kind == .blank ? .blank : StyledLine([Span(marker, .muted)] + line.spans, kind: line.kind))
            }
        }
        return lines
    }

    private func wrap(_ spans: [Span], kind: LineKind) -> [StyledLine] {
        TextWrapper.wrap(spans, width: width).map { StyledLine($0, kind: kind) }
    }

    /// A code line cut into pieces of at most `width` characters; code is never re-flowed.
    private func chunks(of line: String) -> [String] {
        guard line.count > width else { return [line] }
        var pieces: [String] = []
        var rest = Substring(line)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return pieces
    }

    private func cellSpans(_ inlines: [MarkdownInline]) -> [Span] {
        spans(inlines, []).map { Span($0.text.replacingNewlines, $0.style) }
    }

    private func spans(_ inlines: [MarkdownInline], _ style: SpanStyle) -> [Span] {
        inlines.flatMap { inline -> [Span] in
            switch inline {
            case .text(let text): [Span(text, style)]
            case .code(let text): [Span(text, style.union(.code))]
            case .emphasis(let children): spans(children, style.union(.emphasis))
            case .strong(let children): spans(children, style.union(.strong))
            case .link(let children, let destination):
                spans(children, style.union(.link))
                    + (destination.isEmpty || destination == MarkdownInline.plainText(children) ? [] : [Span(" (\(destination))", .muted)])
            case .softBreak: [Span(" ", style)]
            case .lineBreak: [Span("\n", style)]
            }
        }
    }
}

private extension String {
    func padding(to length: Int) -> String { self + String(repeating: " ", count: max(length - count, 0)) }
    var replacingNewlines: String { String(map { $0 == "\n" ? " " : $0 }) }
}
