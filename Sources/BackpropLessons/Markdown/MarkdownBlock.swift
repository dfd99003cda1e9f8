/// A block of Markdown, copied out of cmark's tree once so the rest of the module never
/// touches C. `line` is relative to the Markdown text it came from (1-based).
struct MarkdownBlock: Equatable, Sendable {
    indirect enum Kind: Equatable, Sendable {
        case heading(level: Int, [MarkdownInline])
        case paragraph([MarkdownInline])
        case code(info: String, text: String)
        case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
        case quote([MarkdownBlock])
        case table(alignments: [TableAlignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]])
        case rule
        case html(String)
    }

    let kind: Kind
    let line: Int
}

/// Inline Markdown: text and its emphasis.
indirect enum MarkdownInline: Equatable, Sendable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link([MarkdownInline], destination: String)
    case softBreak
    case lineBreak

    /// The characters without markup, as a heading's title.
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .emphasis(let children), .strong(let children), .link(let children, _): plainText(children)
            case .softBreak, .lineBreak: " "
            }
        }.joined()
    }
}

/// A table column's alignment, from its delimiter row (`:--`, `:-:`, `--:`).
enum TableAlignment: Equatable, Sendable {
    case left, center, right
}
