/// A number drawn in large block characters, readable from the back of a room: each
/// character is a 3x5 grid scaled up as far as the area allows. A grid square is two
/// cells wide per row, since a terminal cell is about twice as tall as it is wide.
public struct BlockDigits: Sendable {
    public var text: String

    public init(_ text: String) { self.text = text }

    /// Each glyph's five rows, `#` for a filled cell. Digits, a point, a percent sign, a
    /// minus and a space: what a loss or an accuracy needs.
    static let glyphs: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", " ##", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", " # ", " # "],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ".": ["   ", "   ", "   ", "   ", " # "],
        "%": ["# #", "  #", " # ", "#  ", "# #"],
        "-": ["   ", "   ", "###", "   ", "   "],
        " ": ["   ", "   ", "   ", "   ", "   "],
    ]
    public static let glyphWidth = 3
    public static let glyphHeight = 5
    /// Cells across per grid square at scale 1.
    static let aspect = 2

    /// Whether every character of `text` has a block glyph.
    public static func canDraw(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { glyphs[$0] != nil } }

    /// The largest scale (1 or more) at which `text` fits `width` x `height`, with a blank
    /// column between glyphs; nil when it does not fit even at scale 1.
    public static func scale(for text: String, width: Int, height: Int) -> Int? {
        let columns = (text.count * (glyphWidth + 1) - 1) * aspect
        guard columns > 0 else { return nil }
        let scale = min(width / columns, height / glyphHeight)
        return scale >= 1 ? scale : nil
    }

    /// Cells used at `scale`: (width, height).
    public static func size(of text: String, scale: Int) -> (width: Int, height: Int) {
        ((text.count * (glyphWidth + 1) - 1) * aspect * scale, glyphHeight * scale)
    }

    /// Cells the number takes in half-height blocks (one cell across and half a cell down per
    /// grid square, so a square stays square): for a pane only three rows high.
    public static func compactSize(of text: String) -> (width: Int, height: Int) {
        (text.count * (glyphWidth + 1) - 1, (glyphHeight + 1) / 2)
    }

    /// Draws the number in half-height blocks (`▀`, `▄`, `█`) from `area`'s top left; returns
    /// whether it fitted.
    @discardableResult
    public func renderCompact(in area: Rect, buffer: inout CellBuffer, style: Style) -> Bool {
        let size = Self.compactSize(of: text)
        guard Self.canDraw(text), size.width <= area.width, size.height <= area.height else { return false }
        for (index, character) in text.enumerated() {
            let rows = Self.glyphs[character]!.map { Array($0) }
            for cellRow in 0..<size.height {
                for column in 0..<Self.glyphWidth {
                    let top = rows[2 * cellRow][column] == "#"
                    let bottom = 2 * cellRow + 1 < rows.count && rows[2 * cellRow + 1][column] == "#"
                    guard top || bottom else { continue }
                    let mark: Character = top && bottom ? "█" : top ? "▀" : "▄"
                    buffer.put(mark, x: area.x + index * (Self.glyphWidth + 1) + column, y: area.y + cellRow, style: style)
                }
            }
        }
        return true
    }

    /// Draws the number centred in `area` at the largest scale that fits; returns whether it
    /// was drawn (false when it does not fit or has a character without a glyph).
    @discardableResult
    public func render(in area: Rect, buffer: inout CellBuffer, style: Style) -> Bool {
        guard Self.canDraw(text), let scale = Self.scale(for: text, width: area.width, height: area.height) else { return false }
        let size = Self.size(of: text, scale: scale)
        let left = area.x + (area.width - size.width) / 2
        let top = area.y + (area.height - size.height) / 2
        for (index, character) in text.enumerated() {
            let rows = Self.glyphs[character]!
            let across = Self.aspect * scale
            let glyphLeft = left + index * (Self.glyphWidth + 1) * across
            for (row, pattern) in rows.enumerated() {
                for (column, mark) in pattern.enumerated() where mark == "#" {
                    let cell = Rect(x: glyphLeft + column * across, y: top + row * scale, width: across, height: scale)
                    buffer.fill(cell, with: Cell("█", style: style))
                }
            }
        }
        return true
    }
}
