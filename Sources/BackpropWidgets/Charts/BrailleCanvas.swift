/// A drawing surface of braille dots, 2 across and 4 down per cell (U+2800–U+28FF).
///
/// Each cell takes the style of the highest-priority mark drawn through it, so a
/// series drawn later, or a heavier edge, wins where lines cross.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var dots: [UInt8]
    private var styles: [Style]
    private var priorities: [Int]

    /// A canvas of `columns` x `rows` cells, that is 2·columns x 4·rows dots.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let count = self.columns * self.rows
        dots = Array(repeating: 0, count: count)
        styles = Array(repeating: .plain, count: count)
        priorities = Array(repeating: Int.min, count: count)
    }

    /// Width in dots.
    public var dotWidth: Int { columns * 2 }
    /// Height in dots.
    public var dotHeight: Int { rows * 4 }

    /// Bit of each dot within a cell, indexed [row][column] (Unicode braille numbering).
    private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (x, y), counted in dots from the top left; dots outside are ignored.
    public mutating func setDot(x: Int, y: Int, style: Style, priority: Int = 0) {
        guard x >= 0 && x < dotWidth && y >= 0 && y < dotHeight else { return }
        let index = (y / 4) * columns + x / 2
        dots[index] |= Self.dotBits[y % 4][x % 2]
        if priority >= priorities[index] {
            priorities[index] = priority
            styles[index] = style
        }
    }

    /// Draws a straight line of dots between two dot positions.
    public mutating func drawLine(fromX x0: Int, y0: Int, toX x1: Int, y1: Int, style: Style, priority: Int = 0, pattern: LinePattern = .solid) {
        let deltaX = abs(x1 - x0), deltaY = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        var error = deltaX + deltaY
        let followsX = deltaX >= -deltaY
        var x = x0, y = y0
        while true {
            // The dash phase follows the position along the main axis, not the count
            // of steps, so a polyline of short segments still shows even dashes.
            if pattern.includes(position: followsX ? x : y) { setDot(x: x, y: y, style: style, priority: priority) }
            if x == x1 && y == y1 { break }
            let doubled = 2 * error
            if doubled >= deltaY { error += deltaY; x += stepX }
            if doubled <= deltaX { error += deltaX; y += stepY }
        }
    }

    /// Gives each cell that has no dots the dots and style of the same cell in `backdrop`
    /// (of the same size): a backdrop never shares a cell with a line drawn over it, so the
    /// line keeps its own dots and colour even where the backdrop is dense.
    public mutating func underlay(_ backdrop: BrailleCanvas) {
        guard backdrop.columns == columns && backdrop.rows == rows else { return }
        for index in dots.indices where dots[index] == 0 && backdrop.dots[index] != 0 {
            dots[index] = backdrop.dots[index]
            styles[index] = backdrop.styles[index]
            priorities[index] = backdrop.priorities[index]
        }
    }

    /// Copies the cells that have dots into `buffer` with their top-left cell at (originX, originY).
    public func render(atX originX: Int, y originY: Int, buffer: inout CellBuffer) {
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let bits = dots[index]
                guard bits != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits)) else { continue }
                buffer[originX + column, originY + row] = Cell(Character(scalar), style: styles[index])
            }
        }
    }
}
