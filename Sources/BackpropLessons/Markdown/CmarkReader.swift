import CCmarkGFM

/// Parses Markdown with cmark-gfm (tables enabled) and copies the tree into
/// `MarkdownBlock`s. Raw HTML is kept as text: nothing in a lesson is ever interpreted.
/// Nesting deeper than `maximumDepth` (quotes in quotes, emphasis in emphasis) is cut off
/// and its line noted, so a hostile file cannot exhaust the stack.
struct CmarkReader {
    static let maximumDepth = 16
    /// The first line where nesting was cut off.
    private(set) var tooDeepLine: Int?

    mutating func blocks(from markdown: String) -> [MarkdownBlock] {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") {
            cmark_parser_attach_syntax_extension(parser, table)
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        return children(of: document).compactMap { block($0, depth: 1) }
    }

    private func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The line where `node` sits, noted when nesting reaches the limit.
    private mutating func isTooDeep(_ node: OpaquePointer, _ depth: Int) -> Bool {
        guard depth > Self.maximumDepth else { return false }
        if tooDeepLine == nil { tooDeepLine = Int(cmark_node_get_start_line(node)) }
        return true
    }

    private mutating func block(_ node: OpaquePointer, depth: Int) -> MarkdownBlock? {
        let line = Int(cmark_node_get_start_line(node))
        if isTooDeep(node, depth) { return MarkdownBlock(kind: .paragraph([.text("…")]), line: line) }
        let kind: MarkdownBlock.Kind
        switch typeName(node) {
        case "heading": kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node, depth: depth + 1))
        case "paragraph": kind = .paragraph(inlines(of: node, depth: depth + 1))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            kind = .code(info: info.trimmingCharacters(in: " \t"), text: literal(node))
        case "list":
            let items = children(of: node).map { item in children(of: item).compactMap { block($0, depth: depth + 1) } }
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), items: items)
        case "block_quote": kind = .quote(children(of: node).compactMap { block($0, depth: depth + 1) })
        case "table": kind = table(node, depth: depth + 1)
        case "thematic_break": kind = .rule
        case "html_block": kind = .html(literal(node))
        default: return nil
        }
        return MarkdownBlock(kind: kind, line: line)
    }

    private mutating func table(_ node: OpaquePointer, depth: Int) -> MarkdownBlock.Kind {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [TableAlignment] = []
        if let codes = cmark_gfm_extensions_get_table_alignments(node) {
            alignments = (0..<columns).map { column in
                switch UInt8(codes[column]) {
                case UInt8(ascii: "c"): .center
                case UInt8(ascii: "r"): .right
                default: .left
                }
            }
        }
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(of: $0, depth: depth + 1) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(alignments: alignments, header: header, rows: rows)
    }

    private mutating func inlines(of node: OpaquePointer, depth: Int) -> [MarkdownInline] {
        if isTooDeep(node, depth) { return [.text("…")] }
        return children(of: node).map { child in
            switch typeName(child) {
            case "text", "html_inline": .text(literal(child))
            case "code": .code(literal(child))
            case "emph": .emphasis(inlines(of: child, depth: depth + 1))
            case "strong": .strong(inlines(of: child, depth: depth + 1))
            case "link":
                .link(inlines(of: child, depth: depth + 1), destination: cmark_node_get_url(child).map { String(cString: $0) } ?? "")
            case "image": .text("[image: \(MarkdownInline.plainText(inlines(of: child, depth: depth + 1)))]")
            case "softbreak": .softBreak
            case "linebreak": .lineBreak
            default: .text(MarkdownInline.plainText(inlines(of: child, depth: depth + 1)))
            }
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
