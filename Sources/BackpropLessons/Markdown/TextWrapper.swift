/// Greedy word wrap of styled text: words move to the next line whole when they fit on
/// one, longer words are cut at the width, and "\n" forces a break. Only spaces and tabs
/// break lines, so a no-break space keeps "10 %" together. One character is one column.
enum TextWrapper {
    private struct Piece {
        var character: Character
        var style: SpanStyle
    }

    static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        let width = max(width, 1)
        var lines: [[Piece]] = []
        var current: [Piece] = []
        var word: [Piece] = []
        var pendingSpace: Piece?

        func place(_ word: [Piece]) {
            guard !word.isEmpty else { return }
            let space = current.isEmpty ? nil : pendingSpace
            if current.count + (space == nil ? 0 : 1) + word.count <= width {
                if let space { current.append(space) }
                current += word
                return
            }
            if word.count <= width {
                lines.append(current)
                current = word
                return
            }
            if let space, current.count + 1 < width { current.append(space) } else if !current.isEmpty {
                lines.append(current)
                current = []
            }
            for piece in word {
                if current.count == width {
                    lines.append(current)
                    current = []
                }
                current.append(piece)
            }
        }

        for span in spans {
            for character in span.text {
                if character == "\n" {
                    place(word)
                    word = []
                    lines.append(current)
                    current = []
                    pendingSpace = nil
                } else if character == " " || character == "\t" {
                    guard !word.isEmpty else { continue }
                    place(word)
                    word = []
                    pendingSpace = Piece(character: " ", style: span.style)
                } else {
                    word.append(Piece(character: character, style: span.style))
                }
            }
        }
        place(word)
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map(styleRuns)
    }

    /// Runs of equal style become one span each.
    private static func styleRuns(_ pieces: [Piece]) -> [Span] {
        var result: [Span] = []
        var text = ""
        var style: SpanStyle?
        for piece in pieces {
            if piece.style != style, let style, !text.isEmpty {
                result.append(Span(text, style))
                text = ""
            }
            style = piece.style
            text.append(piece.character)
        }
        if let style, !text.isEmpty { result.append(Span(text, style)) }
        return result
    }
}
