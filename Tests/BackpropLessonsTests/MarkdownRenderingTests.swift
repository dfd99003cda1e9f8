import BackpropLessons
import Testing

/// Rendered lesson text compared line by line, as it would appear in a pane.
@Suite struct MarkdownRenderingTests {
    func text(_ markdown: String, width: Int) -> [String] {
        MarkdownDocument(markdown: markdown).lines(width: width).map(\.text)
    }

    @Test func paragraphsWrapAtWordBoundaries() {
        #expect(text("The quick brown fox jumps over the lazy dog.", width: 16) == [
            "The quick brown",
            "fox jumps over",
            "the lazy dog.",
        ])
    }

    @Test func longWordsAreCutAtTheWidth() {
        #expect(text("a backpropagation step", width: 8) == ["a backpr", "opagatio", "n step"])
    }

    @Test func noBreakSpacesHoldWordsTogether() {
        #expect(text("reach 95\u{00A0}% accuracy", width: 8) == ["reach", "95\u{00A0}%", "accuracy"])
    }

    @Test func stylesSurviveWrapping() {
        let lines = MarkdownDocument(markdown: "plain **bold words** and `code x`").lines(width: 11)
        #expect(lines.map(\.text) == ["plain bold", "words and", "code x"])
        #expect(lines[0].spans == [Span("plain "), Span("bold", .strong)])
        #expect(lines[1].spans == [Span("words", .strong), Span(" and")])
        #expect(lines[2].spans == [Span("code x", .code)])
    }

    @Test func headingsAndBlocksAreSeparatedByBlankLines() {
        let lines = MarkdownDocument(markdown: "### Why\n\nBecause *it* works.").lines(width: 40)
        #expect(lines.map(\.text) == ["Why", "", "Because it works."])
        #expect(lines[0].kind == .heading(level: 3))
        #expect(lines[0].spans == [Span("Why", [.heading, .strong])])
        #expect(lines[1] == .blank)
        #expect(lines[2].spans[1] == Span("it", .emphasis))
    }

    @Test func listsIndentTheirContinuationLines() {
        #expect(text("- one two three four\n- five\n\n1. six\n2. seven", width: 12) == [
            "• one two",
            "  three four",
            "• five",
            "",
            "1. six",
            "2. seven",
        ])
    }

    @Test func codeBlocksKeepTheirLinesAndAreCut() {
        let lines = MarkdownDocument(markdown: "```\nw = w - lr * grad\n\nx\n```").lines(width: 10)
        #expect(lines.map(\.text) == ["w = w - lr", " * grad", "", "x"])
        #expect(lines.allSatisfy { $0.kind == .code })
    }

    @Test func blockQuotesBecomeCallouts() {
        let lines = MarkdownDocument(markdown: "> Note: the bias shifts the line.").lines(width: 20)
        #expect(lines.map(\.text) == ["│ Note: the bias", "│ shifts the line."])
        #expect(lines.allSatisfy { $0.kind == .callout })
    }

    @Test func tablesAlignTheirColumns() {
        let markdown = """
        | Activation | Range | Saturates |
        |---|:-:|--:|
        | sigmoid | (0, 1) | yes |
        | ReLU | [0, ∞) | no |
        """
        #expect(text(markdown, width: 40) == [
            "Activation │ Range  │ Saturates",
            "───────────┼────────┼──────────",
            "sigmoid    │ (0, 1) │       yes",
            "ReLU       │ [0, ∞) │        no",
        ])
    }

    @Test func narrowTablesWrapInsideCells() {
        let markdown = "| Name | What it does |\n|---|---|\n| SGD | steps downhill |\n"
        #expect(text(markdown, width: 16) == [
            "Name │ What it",
            "     │ does",
            "─────┼──────────",
            "SGD  │ steps",
            "     │ downhill",
        ])
    }

    @Test func tooNarrowTablesStackTheirRows() {
        let markdown = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"
        #expect(text(markdown, width: 12) == ["a: 1", "b: 2", "c: 3"])
    }

    @Test func noLineIsWiderThanThePane() {
        let markdown = "## T\n\nSome **long** paragraph with `inline code` and a [link](https://example.com).\n\n> quoted text that wraps\n\n- a list item\n\n| x | y |\n|---|---|\n| 1 | 2 |\n"
        for width in 1...30 {
            #expect(MarkdownDocument(markdown: markdown).lines(width: width).allSatisfy { $0.text.count <= width }, "width \(width)")
        }
    }

    @Test func rawHTMLIsShownAsText() {
        #expect(text("<script>alert(1)</script>", width: 40) == ["<script>alert(1)</script>"])
    }
}
