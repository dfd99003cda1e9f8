/// Shortens text to a width the way a reader can still trust it: cut after a whole word and
/// marked with `…`, never inside a number. Every title, legend, status and goal line is fitted
/// with it, so no widget cuts `1500` to `150` or `Validation` to `Valid`.
public enum TextFit {
    /// `text` when it fits in `width` columns; otherwise its longest run of whole words that
    /// fits with a closing `…` (separators such as ` · ` dropped before it). A word holding a
    /// digit is a number and is dropped whole; a single word too long for the width keeps
    /// its first letters, since that is all there is room for, and one that fits only
    /// without the ellipsis is kept whole without it.
    public static func fit(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        guard width > 1 else { return "…" }
        let characters = Array(text)
        // The longest prefix ending at a word's end that leaves a column for the ellipsis.
        var end = width - 1
        while end > 0 && !(characters[end] == " " && characters[end - 1] != " ") { end -= 1 }
        var kept = String(characters[..<end])
        while let last = kept.last, last == " " || separators.contains(last) { kept.removeLast() }
        if !kept.isEmpty { return kept + "…" }
        let firstWord = characters.prefix { $0 != " " }
        // A first word that fits only without the ellipsis is still better than none.
        if firstWord.count <= width { return String(firstWord) }
        if firstWord.contains(where: \.isNumber) { return "…" }
        return String(firstWord.prefix(width - 1)) + "…"
    }

    /// `text` fitted to `width` and padded to exactly `width` columns.
    public static func padded(_ text: String, width: Int, alignment: Table.Column.Alignment) -> String {
        guard width > 0 else { return "" }
        let fitted = fit(text, width: width)
        let padding = width - fitted.count
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: padding)
        case .right: return String(repeating: " ", count: padding) + fitted
        case .center: return String(repeating: " ", count: padding / 2) + fitted + String(repeating: " ", count: padding - padding / 2)
        }
    }

    /// The first of `candidates` (longest form first) that fits in `width`, else the last one fitted.
    public static func first(of candidates: [String], width: Int) -> String {
        candidates.first { $0.count <= width } ?? fit(candidates.last ?? "", width: width)
    }

    /// `text` when it fits in `width`; otherwise its start and its end around a `…`, for a
    /// value whose both ends matter (`warm…cosine:100`). The end starts after a separator
    /// when one is near the middle; neither part ends inside a number (`-0.5`, `1e-3`).
    public static func middleEllipsis(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let characters = Array(text)
        let count = characters.count
        let numbers = numberRuns(characters)
        func insideNumber(_ index: Int) -> Bool { index > 0 && index < count && numbers[index] != nil && numbers[index] == numbers[index - 1] }
        let balanced = count - (width - 1) / 2
        // Tail starts that leave at least one character of the start: just after a separator.
        let earliest = count - (width - 2)
        let afterSeparators = (max(1, earliest)..<count).filter {
            (separators.contains(characters[$0 - 1]) || characters[$0 - 1] == " ") && !insideNumber($0)
        }
        var tailStart = afterSeparators.min { abs($0 - balanced) < abs($1 - balanced) } ?? balanced
        while insideNumber(tailStart) { tailStart += 1 }
        var headEnd = width - 1 - (count - tailStart)
        while insideNumber(headEnd) { headEnd -= 1 }
        return String(characters[..<headEnd]) + "…" + String(characters[tailStart...])
    }

    /// For each character, which number it belongs to (nil outside numbers): digits with a
    /// decimal point, a sign that starts them and an exponent (`-0.5`, `.25`, `1e-3`).
    static func numberRuns(_ characters: [Character]) -> [Int?] {
        var runs = [Int?](repeating: nil, count: characters.count)
        func digit(_ index: Int) -> Bool { index < characters.count && characters[index].isNumber }
        var index = 0, run = 0
        while index < characters.count {
            let character = characters[index]
            let previousIsWord = index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
            let starts = character.isNumber || (character == "." && digit(index + 1)) || (character == "-" && digit(index + 1) && !previousIsWord)
            guard starts else { index += 1; continue }
            var end = index + 1
            while end < characters.count {
                let next = characters[end]
                let exponent = (next == "e" || next == "E") && (digit(end + 1) || ("+-".contains(characters[min(end + 1, characters.count - 1)]) && digit(end + 2)))
                let exponentSign = (next == "-" || next == "+") && (characters[end - 1] == "e" || characters[end - 1] == "E")
                guard next.isNumber || next == "." || exponent || exponentSign else { break }
                end += 1
            }
            for member in index..<end { runs[member] = run }
            run += 1
            index = end
        }
        return runs
    }

    /// Marks that join phrases (`a · b`, `a: b`, `a, b`, `a / b`) and read badly before `…`.
    static let separators: Set<Character> = ["·", ":", ",", ";", "/", "-", "–", "—", "|", "(", "+", "=", "<", ">", "≤", "≥"]
}

extension CellBuffer {
    /// Writes `text` from (x, y) fitted by `TextFit` to the columns left before the right edge
    /// of `clip` (or of the buffer), so it ends in a whole word or `…`, never cut by the edge.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func writeFitted(_ text: some StringProtocol, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        return write(TextFit.fit(String(text), width: area.maxX - x), x: x, y: y, style: style, clip: area)
    }

    /// Writes `text` wrapped at spaces into the rows of `area`, from its top; when the rows
    /// run out, the last one ends with `…`. Returns the rows used.
    @discardableResult
    public mutating func writeWrapped(_ text: String, in area: Rect, style: Style) -> Int {
        guard !area.isEmpty else { return 0 }
        let lines = WordWrap.lines(of: text, width: area.width)
        let shown = Array(lines.prefix(area.height))
        for (row, line) in shown.enumerated() {
            let isLastShown = row == shown.count - 1 && shown.count < lines.count
            write(isLastShown ? TextFit.fit(line + " " + lines[row + 1], width: area.width) : line, x: area.x, y: area.y + row, style: style, clip: area)
        }
        return shown.count
    }
}
