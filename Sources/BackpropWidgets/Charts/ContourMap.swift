import Foundation

/// A surface over two parameters seen from above: dotted contour lines where its value
/// crosses from one band to the next (bands equal in log scale, so a deep valley shows
/// its floor), and paths drawn over it in braille, each ending in its own letter.
public struct ContourMap: Sendable {
    /// A walk over the surface, in surface coordinates; its last point gets `marker`.
    public struct Path: Sendable {
        public var marker: Character
        public var points: [(x: Double, y: Double)]
        public var role: ChartSeries.Role

        public init(marker: Character, points: [(x: Double, y: Double)], role: ChartSeries.Role) {
            self.marker = marker
            self.points = points
            self.role = role
        }
    }

    /// The surface's value at each cell's centre, `columns` x `rows`, top row first.
    public var columns: Int
    public var rows: Int
    public var values: [Double]
    public var xRange: ClosedRange<Double>
    /// Bottom to top.
    public var yRange: ClosedRange<Double>
    public var paths: [Path]
    /// The point marked `+`: the minimum the paths are heading for.
    public var target: (x: Double, y: Double)?
    public static let bands = 6

    public init(columns: Int, rows: Int, values: [Double], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                paths: [Path], target: (x: Double, y: Double)? = nil) {
        self.columns = columns
        self.rows = rows
        self.values = values
        self.xRange = xRange
        self.yRange = yRange
        self.paths = paths
        self.target = target
    }

    /// The centre of cell (column, row) in surface coordinates, for sampling `values`.
    public static func cellCentre(column: Int, row: Int, columns: Int, rows: Int,
                                  xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) -> (x: Double, y: Double) {
        (xRange.lowerBound + (Double(column) + 0.5) / Double(columns) * (xRange.upperBound - xRange.lowerBound),
         yRange.upperBound - (Double(row) + 0.5) / Double(rows) * (yRange.upperBound - yRange.lowerBound))
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard values.count == columns * rows, columns > 0, rows > 0 else { return }
        let width = min(columns, area.width), height = min(rows, area.height)
        let band = bands()
        for row in 0..<height {
            for column in 0..<width {
                let here = band[row * columns + column]
                let right = column + 1 < columns ? band[row * columns + column + 1] : here
                let below = row + 1 < rows ? band[(row + 1) * columns + column] : here
                if here != right || here != below { buffer.put("·", x: area.x + column, y: area.y + row, style: theme.dimText) }
            }
        }
        var canvas = BrailleCanvas(columns: width, rows: height)
        func dot(_ point: (x: Double, y: Double)) -> (x: Int, y: Int)? {
            guard point.x.isFinite, point.y.isFinite else { return nil }
            let fx = (point.x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
            let fy = (yRange.upperBound - point.y) / (yRange.upperBound - yRange.lowerBound)
            // Far outside the map a walk has left it: clamp, so the line still shows where it went.
            return (Int((min(max(fx, -1), 2) * Double(canvas.dotWidth)).rounded(.down)),
                    Int((min(max(fy, -1), 2) * Double(canvas.dotHeight)).rounded(.down)))
        }
        for (index, path) in paths.enumerated() {
            let style = path.role.style(in: theme)
            var previous: (x: Int, y: Int)?
            for point in path.points {
                guard let current = dot(point) else { previous = nil; continue }
                let start = previous ?? current
                canvas.drawLine(fromX: start.x, y0: start.y, toX: current.x, y1: current.y, style: style, priority: index)
                previous = current
            }
        }
        canvas.render(atX: area.x, y: area.y, buffer: &buffer)
        if let target, let spot = dot(target) {
            put("+", at: spot, area: area, width: width, height: height, style: theme.text, buffer: &buffer)
        }
        for path in paths {
            guard let last = path.points.last, let spot = dot(last) else { continue }
            let style = path.role.style(in: theme)
            put(path.marker, at: spot, area: area, width: width, height: height, style: style.adding(.bold), buffer: &buffer)
        }
    }

    private func put(_ character: Character, at dot: (x: Int, y: Int), area: Rect, width: Int, height: Int, style: Style, buffer: inout CellBuffer) {
        let column = dot.x / 2, row = dot.y / 4
        guard column >= 0, column < width, row >= 0, row < height else { return }
        buffer.put(character, x: area.x + column, y: area.y + row, style: style)
    }

    /// Each cell's band: log10 of its value above the lowest, split into `bands` equal steps.
    private func bands() -> [Int] {
        let finite = values.filter(\.isFinite)
        guard let lowest = finite.min(), let highest = finite.max(), highest > lowest else { return values.map { _ in 0 } }
        let offset = (highest - lowest) * 1e-3
        let low = log10(offset), high = log10(highest - lowest + offset)
        return values.map { value in
            guard value.isFinite else { return Self.bands }
            let level = (log10(value - lowest + offset) - low) / (high - low)
            return min(Int(level * Double(Self.bands)), Self.bands - 1)
        }
    }
}
