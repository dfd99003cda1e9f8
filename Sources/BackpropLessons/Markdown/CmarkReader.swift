import CCmarkGFM

/// Parses Markdown with cmark-gfm (tables enabled) and copies the tree into
/// `MarkdownBlock`s. Raw HTML is kept as text: nothing in a lesson is ever interpreted.
enum CmarkReader {
    static func blocks(from markdown: String) -> [MarkdownBlock] {
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
        return children(of: document).compactMap(block)
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        let line = Int(cmark_node_get_start_line(node))
        let kind: MarkdownBlock.Kind
        switch typeName(node) {
        case "heading": kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
        case "paragraph": kind = .paragraph(inlines(of: node))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            kind = .code(info: info.trimmingCharacters(in: " \t"), text: literal(node))
        case "list":
            let items = children(of: node).map { children(of: $0).compactMap(block) }
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), items: items)
        case "block_quote": kind = .quote(children(of: node).compactMap(block))
        case "table": kind = table(node)
        case "thematic_break": kind = .rule
        case "html_block": kind = .html(literal(node))
        default: return nil
        }
        return MarkdownBlock(kind: kind, line: line)
    }

    private static func table(_ node: OpaquePointer) -> MarkdownBlock.Kind {
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
            let cells = children(of: row).map(inlines)
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(alignments: alignments, header: header, rows: rows)
    }

    private static func inlines(of node: OpaquePointer) -> [MarkdownInline] {
        children(of: node).compactMap { child in
            switch typeName(child) {
            case "text", "html_inline": .text(literal(child))
            case "code": .code(literal(child))
            case "emph": .emphasis(inlines(of: child))
            case "strong": .strong(inlines(of: child))
            case "link":
                .link(inlines(of: child), destination: cmark_node_get_url(child).map { String(cString: $0) } ?? "")
            case "image": .text("[image: \(MarkdownInline.plainText(inlines(of: child)))]")
            case "softbreak": .softBreak
            case "linebreak": .lineBreak
            default: .text(MarkdownInline.plainText(inlines(of: child)))
            }
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
