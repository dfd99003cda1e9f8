import BackpropWidgets
import Foundation

/// One query's way through a head, with the engine's numbers: its q, each key it
/// may read, q·k, the score divided by √d_head, the softmax weight, and the weighted sum of
/// the values. Vectors show as many dimensions as fit and say how many are hidden.
struct QueryKeyValueView {
    let walkthrough: AttentionSnapshot.Walkthrough
    let tokens: [String]

    /// Characters per shown vector component ("+0.12 ").
    static let componentWidth = 6
    /// "  j tok     q·k   ÷√16  softmax".
    static let fixedWidth = 31

    func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let dimensions = walkthrough.query.count
        // Keys and values share what is left of a row after the fixed columns.
        let perRow = min(dimensions, max(0, (area.width - Self.fixedWidth - 6) / (2 * Self.componentWidth)))
        // A vector line keeps room for its label and a "… 12 more" note.
        func fitting(after label: String) -> Int { min(dimensions, max(1, (area.width - label.count - 10) / Self.componentWidth)) }
        var y = area.y
        func line(_ text: String, _ style: Style) {
            guard y < area.maxY else { return }
            buffer.write(text, x: area.x, y: y, style: style, clip: area)
            y += 1
        }
        let position = walkthrough.position
        line("q  " + vector(walkthrough.query, shown: fitting(after: "q  ")), theme.accent)
        let root = "÷√\(dimensions)"
        var header = "  j tok     q·k " + root.leftPadded(to: 6) + "  softmax"
        if perRow > 0 {
            // Which components the k and v columns hold: `k[1]`, `k[1…3]`.
            let range = perRow == 1 ? "[1]" : "[1…\(perRow)]"
            header += "  " + ("k" + range).padding(toLength: perRow * Self.componentWidth - 1, withPad: " ", startingAt: 0) + "  v" + range
        }
        line(header, theme.dimText)
        let partial = perRow > 0 && perRow < dimensions
        // What is left after the sum's line (and the note on hidden components).
        let keyRows = shownKeys(rows: max(0, area.maxY - y - 1 - (partial ? 1 : 0)))
        let scores = walkthrough.scores, scaledScores = walkthrough.scaledScores  // each computes every key's score
        for key in keyRows {
            var row = String(format: "%3d ", key + 1) + quoted(key).leftPadded(to: 3)
                + String(format: " %7.2f %6.2f %7.1f%%", scores[key], scaledScores[key], walkthrough.weights[key] * 100)
            if perRow > 0 {
                row += "  " + components(walkthrough.keys[key], count: perRow) + "  " + components(walkthrough.values[key], count: perRow)
            }
            line(row, key == position ? theme.accent : theme.text)
        }
        if keyRows.count < walkthrough.keys.count {
            line("\(keyRows.count) of \(walkthrough.keys.count) keys shown: the largest weights", theme.dimText)
        }
        if partial {
            line("k, v: \(perRow) of their \(dimensions) components shown; q·k and Σ use all \(dimensions)", theme.dimText)
        }
        line("Σ softmax·v  " + vector(walkthrough.output, shown: fitting(after: "Σ softmax·v  ")), theme.accent)
    }

    /// Every key if they fit, else the ones with the largest weights, in order.
    private func shownKeys(rows: Int) -> [Int] {
        let keys = Array(walkthrough.keys.indices)
        guard keys.count > rows else { return keys }
        let limit = max(0, rows - 1)
        return keys.sorted { walkthrough.weights[$0] > walkthrough.weights[$1] }.prefix(limit).sorted()
    }

    private func quoted(_ position: Int) -> String {
        tokens.indices.contains(position) ? "\"\(tokens[position])\"" : ""
    }

    private func components(_ values: [Float], count: Int) -> String {
        values.prefix(count).map { String(format: "%+5.2f", $0) }.joined(separator: " ")
    }

    /// The first `shown` components and how many more there are.
    private func vector(_ values: [Float], shown: Int) -> String {
        let hidden = values.count - min(shown, values.count)
        return components(values, count: shown) + (hidden > 0 ? " … \(hidden) more" : "")
    }
}

extension AttentionViews {
    static func queryKeyValue(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let attention = snapshot.attention, let walkthrough = attention.walkthrough else {
            return placeholderPanel("Query, keys, values" + suffix, "the computation " + waiting, in: area, buffer: &buffer, theme: theme)
        }
        let position = walkthrough.position
        let token = attention.tokens.indices.contains(position) ? " \"\(attention.tokens[position])\"" : ""
        let query = "Query \(position + 1)\(token)", head = "block \(attention.walkthroughBlock + 1) head 1"
        let sequence = "sequence \(attention.sampleIndex + 1)", size = "d_head \(walkthrough.query.count)"
        // The d_head size is on the table's √ column: it goes first, the query last.
        let title = Panel.fittedTitle(["\(query) · \(head) · \(size) · \(sequence)", "\(query) · \(head) · \(sequence)",
                                       "\(query) · \(head)", "\(query) · \(sequence)", query], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        QueryKeyValueView(walkthrough: walkthrough, tokens: attention.tokens).render(in: inside, buffer: &buffer, theme: theme)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
