import BackpropLessons

/// A page's text collapsed to one paragraph for presenting: the paragraphs are the runs of
/// wrapped lines between blank ones, and the presenter steps through them.
enum PresentedText {
    /// Each paragraph's first and last line (inclusive) in `lines`.
    static func paragraphs(_ lines: [StyledLine]) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        var start: Int?
        for (index, line) in lines.enumerated() {
            if line.kind == .blank || line.text.allSatisfy(\.isWhitespace) {
                if let first = start { ranges.append(first...(index - 1)) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let first = start { ranges.append(first...(lines.count - 1)) }
        return ranges
    }

    /// The lines shown from `firstLine`: up to `rows` of the paragraph that holds it.
    static func window(_ lines: [StyledLine], firstLine: Int, rows: Int) -> (lines: [StyledLine], paragraph: Int, paragraphs: Int, more: Bool) {
        let ranges = paragraphs(lines)
        guard let index = ranges.firstIndex(where: { $0.contains(firstLine) }) ?? ranges.indices.last else { return ([], 0, 0, false) }
        let range = ranges[index]
        let first = range.contains(firstLine) ? firstLine : range.lowerBound
        let last = min(range.upperBound, first + rows - 1)
        return (Array(lines[first...last]), index, ranges.count, last < range.upperBound)
    }

    /// Where the next (or previous) step goes: the rest of a paragraph longer than `rows`,
    /// else the next paragraph's first line; nil at either end.
    static func step(_ lines: [StyledLine], from firstLine: Int, rows: Int, forward: Bool) -> Int? {
        let ranges = paragraphs(lines)
        guard let index = ranges.firstIndex(where: { $0.contains(firstLine) }) else { return ranges.first?.lowerBound }
        let range = ranges[index]
        if forward {
            if firstLine + rows <= range.upperBound { return firstLine + rows }
            return index + 1 < ranges.count ? ranges[index + 1].lowerBound : nil
        }
        if firstLine > range.lowerBound { return max(range.lowerBound, firstLine - rows) }
        return index > 0 ? ranges[index - 1].lowerBound : nil
    }
}
