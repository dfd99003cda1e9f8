/// The plane coloured by the most likely of several classes, with the data points on
/// top: the decision regions of a softmax classifier.
///
/// With region colours (256 colours) each cell shows two pixels with `▀`, a pale tint
/// where the network is unsure and a stronger one where it is sure. Otherwise each cell
/// is a shade character: in 8 colours in the class colour (`░` unsure, `▒` sure); in
/// monochrome one shade per class (blank, `░`, `▒`, `▓`, `█`), the sure ones bold.
public struct ClassRegionMap: Sendable {
    /// The most likely class per grid cell, top row first.
    public var classes: [Int]
    /// The probability of that class per cell, 0…1.
    public var confidence: [Float]
    public var columns: Int
    public var rows: Int
    public var points: [HeatmapPoint]
    /// Probability from which a region counts as sure.
    public static let sureProbability: Float = 0.8

    public init(columns: Int, rows: Int, classes: [Int], confidence: [Float], points: [HeatmapPoint] = []) {
        precondition(classes.count == columns * rows && confidence.count == classes.count, "a \(columns)x\(rows) map needs \(columns * rows) cells")
        self.columns = columns
        self.rows = rows
        self.classes = classes
        self.confidence = confidence
        self.points = points
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty, columns > 0, rows > 0 else { return }
        let usesPixels = !theme.classRegionColors.isEmpty
        let pixelRows = usesPixels ? area.height * 2 : area.height
        for row in 0..<area.height {
            for column in 0..<area.width {
                let x = (Double(column) + 0.5) / Double(area.width)
                if usesPixels {
                    let top = sample(x: x, y: (Double(2 * row) + 0.5) / Double(pixelRows))
                    let bottom = sample(x: x, y: (Double(2 * row) + 1.5) / Double(pixelRows))
                    buffer[area.x + column, area.y + row] = Cell("▀", style: Style(
                        foreground: regionColor(top, theme: theme), background: regionColor(bottom, theme: theme)))
                } else {
                    buffer[area.x + column, area.y + row] = shadeCell(sample(x: x, y: (Double(row) + 0.5) / Double(pixelRows)), theme: theme)
                }
            }
        }
        for point in points { Heatmap.draw(point, in: area, buffer: &buffer, theme: theme) }
    }

    private func sample(x: Double, y: Double) -> (class: Int, sure: Bool) {
        let column = min(columns - 1, max(0, Int(x * Double(columns))))
        let row = min(rows - 1, max(0, Int(y * Double(rows))))
        let index = row * columns + column
        return (max(0, classes[index]), confidence[index] >= Self.sureProbability)
    }

    private func regionColor(_ cell: (class: Int, sure: Bool), theme: Theme) -> Color {
        let tints = theme.classRegionColors[cell.class % theme.classRegionColors.count]
        return tints[cell.sure ? tints.count - 1 : 0]
    }

    private func shadeCell(_ cell: (class: Int, sure: Bool), theme: Theme) -> Cell {
        if theme.distinguishesByColor {
            let color = theme.classColors[cell.class % theme.classColors.count]
            return Cell(cell.sure ? "▒" : "░", style: Style(foreground: color, background: theme.text.background))
        }
        let shades: [Character] = [" ", "░", "▒", "▓", "█"]
        return Cell(shades[cell.class % shades.count], style: cell.sure ? theme.text.adding(.bold) : theme.text)
    }
}
