/// A grid of cells that widgets draw into; the terminal backend shows it.
///
/// Writes outside the buffer (or outside a given clip rectangle) are dropped, so
/// widgets can draw without checking bounds themselves. Each text cut at a right edge is
/// noted in `cuts`, so a test can tell a word or number cut in half from one fitted to its
/// place (see `TextFit`).
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// The cells row by row, top row first.
    public private(set) var cells: [Cell]
    /// Every text `write` had to cut at the right edge of its clip, in order.
    public private(set) var cuts: [TextCut] = []

    /// Two buffers are equal when they show the same cells; how they came to is not compared.
    public static func == (left: CellBuffer, right: CellBuffer) -> Bool {
        left.width == right.width && left.height == right.height && left.cells == right.cells
    }

    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`. Reading outside the buffer is a programming
    /// error; writing outside it is ignored, like every other write.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0 && x < width && y >= 0 && y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Puts one character at (x, y) if that cell lies inside the buffer and `clip`.
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style, clip: Rect? = nil) {
        if let clip, !clip.contains(x: x, y: y) { return }
        self[x, y] = Cell(SingleCellCharacter.displayable(character), style: style)
    }

    /// Writes `text` from (x, y) rightwards, one column per character, cut at the
    /// right edge of `clip` (or of the buffer). Returns the column after the last
    /// character written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard y >= area.y && y < area.maxY else { return x + text.count }
        var column = x
        for (index, character) in text.enumerated() {
            if column >= area.maxX {
                cuts.append(TextCut(text: String(text), kept: index))
                break
            }
            if column >= area.x { cells[y * width + column] = Cell(SingleCellCharacter.displayable(character), style: style) }
            column += 1
        }
        return column
    }

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            let start = row * width
            for column in area.x..<area.maxX { cells[start + column] = cell }
        }
    }

    /// Changes only the style of the cells in `rect`, keeping their characters.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            let start = row * width
            for column in area.x..<area.maxX { cells[start + column].style = style }
        }
    }

    /// The characters of each row, with trailing spaces dropped so that test
    /// snapshots read like the screen.
    public var lines: [String] {
        (0..<height).map { row in
            var line = String(cells[(row * width)..<(row * width + width)].map(\.character))
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `lines` joined with newlines.
    public var text: String { lines.joined(separator: "\n") }
}
