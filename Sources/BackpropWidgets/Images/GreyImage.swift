/// A grey image (a photo, a feature map) drawn as it would look on paper: black for the
/// lowest value, white for the highest.
///
/// With 256 colours each cell shows two pixels with the upper half block `▀` (foreground =
/// top pixel, background = bottom pixel) from the palette's grey ramp. Without it each cell
/// is one shade character, ` ░▒▓█`, for the mean of its two pixels.
public struct GreyImage: Sendable {
    public var grid: ValueGrid
    /// The values shown as black and as white; nil spans 0 up to the image's largest value
    /// (a feature map after ReLU, whose scale changes as the network learns).
    public var range: ClosedRange<Float>?

    public init(grid: ValueGrid, range: ClosedRange<Float>? = nil) {
        self.grid = grid
        self.range = range
    }

    /// Shade characters from dark to light, for terminals without a grey ramp.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    /// The size in cells that shows the whole image in `area` with square pixels (a cell is
    /// about twice as high as it is wide, so it holds two pixel rows): at most one column
    /// per pixel column, never larger than the area.
    public func fittedSize(in area: Rect) -> (width: Int, height: Int) {
        guard grid.columns > 0, grid.rows > 0, !area.isEmpty else { return (0, 0) }
        let scale = min(1, Double(area.width) / Double(grid.columns), Double(area.height * 2) / Double(grid.rows))
        return (max(1, Int(Double(grid.columns) * scale)), max(1, Int((Double(grid.rows) * scale / 2).rounded(.up))))
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty, grid.columns > 0, grid.rows > 0 else { return }
        let low = range?.lowerBound ?? 0
        let high = range?.upperBound ?? max(grid.values.filter(\.isFinite).max() ?? 0, 0)
        func level(_ value: Float) -> Double {
            guard value.isFinite, high > low else { return 0 }
            return min(1, max(0, Double((value - low) / (high - low))))
        }
        let usesGreys = theme.depth == .indexed256
        let pixelRows = Double(area.height * 2)
        for row in 0..<area.height {
            for column in 0..<area.width {
                let x = (Double(column) + 0.5) / Double(area.width)
                let top = level(grid.sample(x: x, y: (Double(2 * row) + 0.5) / pixelRows))
                let bottom = level(grid.sample(x: x, y: (Double(2 * row) + 1.5) / pixelRows))
                buffer[area.x + column, area.y + row] = usesGreys
                    ? Cell("▀", style: Style(foreground: Self.grey(top), background: Self.grey(bottom)))
                    : Cell(Self.shades[min(4, Int((top + bottom) / 2 * 5))], style: theme.text)
            }
        }
    }

    /// The palette colour for a level in 0…1: black (16), the 24 greys (232–255), white (231).
    static func grey(_ level: Double) -> Color {
        let step = min(25, max(0, Int((level * 25).rounded())))
        switch step {
        case 0: return .indexed(16)
        case 25: return .indexed(231)
        default: return .indexed(UInt8(231 + step))
        }
    }
}
