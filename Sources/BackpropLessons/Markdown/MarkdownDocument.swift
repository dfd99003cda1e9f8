/// Lesson text, parsed once, drawn at any width: `lines(width:)` gives the styled lines a
/// text pane shows.
public struct MarkdownDocument: Equatable, Sendable {
    let blocks: [MarkdownBlock]

    /// Parses `markdown` with cmark-gfm (tables enabled); nesting past
    /// `CmarkReader.maximumDepth` is shown as "…".
    public init(markdown: String) {
        var reader = CmarkReader()
        blocks = reader.blocks(from: markdown)
    }

    init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }

    /// The text wrapped to `width` columns (at least 1), a blank line between blocks.
    public func lines(width: Int) -> [StyledLine] {
        MarkdownRenderer(width: max(width, 1)).render(blocks)
    }
}
