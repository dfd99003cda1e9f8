/// A grid of values drawn on a diverging colour map, with data points on top:
/// decision boundaries and weight matrices.
///
/// With a 256-colour theme each cell shows two pixels with the upper half block
/// `▀` (foreground = top pixel, background = bottom pixel). Other themes draw one
/// shade character per cell (see `DivergingShading`).
public struct Heatmap: Sendable {
    public var grid: ValueGrid
    /// The values at the two ends of the map; its middle is the neutral colour.
    /// When nil the map is symmetric around 0, up to the largest magnitude.
    public var range: ClosedRange<Double>?
    public var points: [HeatmapPoint]

    public init(grid: ValueGrid, range: ClosedRange<Double>? = nil, points: [HeatmapPoint] = []) {
        self.grid = grid
        self.range = range
        self.points = points
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty, grid.columns > 0, grid.rows > 0 else { return }
        let (low, high) = valueRange()
        func level(_ value: Float) -> Double {
            high > low ? 2 * (Double(value) - low) / (high - low) - 1 : 0
        }
        let usesPixels = !theme.divergingRamp.isEmpty
        let pixelRows = usesPixels ? area.height * 2 : area.height
        for row in 0..<area.height {
            for column in 0..<area.width {
                let x = (Double(column) + 0.5) / Double(area.width)
                let cell: Cell
                if usesPixels {
                    let top = grid.sample(x: x, y: (Double(2 * row) + 0.5) / Double(pixelRows))
                    let bottom = grid.sample(x: x, y: (Double(2 * row) + 1.5) / Double(pixelRows))
                    cell = Cell("▀", style: Style(
                        foreground: DivergingShading.color(for: level(top), ramp: theme.divergingRamp),
                        background: DivergingShading.color(for: level(bottom), ramp: theme.divergingRamp)))
                } else {
                    let value = grid.sample(x: x, y: (Double(row) + 0.5) / Double(pixelRows))
                    cell = DivergingShading.shadeCell(for: level(value), theme: theme)
                }
                buffer[area.x + column, area.y + row] = cell
            }
        }
        for point in points { Self.draw(point, in: area, buffer: &buffer, theme: theme) }
    }

    /// One cell the way the map draws `level` (−1 to 1) in this theme, for a legend.
    public static func swatch(level: Double, theme: Theme) -> Cell {
        guard !theme.divergingRamp.isEmpty else { return DivergingShading.shadeCell(for: level, theme: theme) }
        return Cell("█", style: Style(foreground: DivergingShading.color(for: level, ramp: theme.divergingRamp)))
    }

    /// Draws a data point over a map already in `area` (shared with `ClassRegionMap`).
    static func draw(_ point: HeatmapPoint, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard point.x >= 0 && point.x <= 1 && point.y >= 0 && point.y <= 1 else { return }
        let column = area.x + min(area.width - 1, Int(point.x * Double(area.width)))
        let row = area.y + min(area.height - 1, Int((1 - point.y) * Double(area.height)))
        let marker = point.marker(in: theme)
        // On a colour ramp a point sits on white, like the white rim around points in
        // TensorFlow Playground, so it stays visible over a region of its own colour.
        let background = theme.divergingRamp.isEmpty && theme.classRegionColors.isEmpty ? buffer[column, row].style.background : Color.indexed(231)
        buffer[column, row] = Cell(marker.character, style: marker.style.background(background))
    }

    private func valueRange() -> (low: Double, high: Double) {
        if let range { return (range.lowerBound, range.upperBound) }
        let magnitude = Double(grid.largestMagnitude)
        return magnitude > 0 ? (-magnitude, magnitude) : (-1, 1)
    }
}
