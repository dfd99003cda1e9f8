/// Several small images side by side, wrapped into rows, each with a caption below it:
/// a layer's filters, its feature maps, a gallery of mistakes. Every tile gets the same
/// size, the largest that fits them all in the area.
public struct ImageTiles: Sendable {
    /// How a tile's values become cells.
    public enum Shading: Sendable, Equatable {
        /// Black to white from 0 to the tile's largest value (`GreyImage`).
        case grey
        /// Black to white over a fixed range shared by every tile.
        case greyRange(ClosedRange<Float>)
        /// A diverging map symmetric around 0, one scale for all tiles so their weights
        /// compare (`Heatmap`).
        case diverging
    }

    /// One image and the lines under it.
    public struct Tile: Sendable, Equatable {
        public var grid: ValueGrid
        public var caption: [String]
        /// Each caption line's shorter form (`3` for `map 3`), drawn when the line is wider
        /// than the tile: a number must not lose its digits to the tile's edge.
        public var shortCaption: [String]

        public init(grid: ValueGrid, caption: [String] = [], shortCaption: [String] = []) {
            self.grid = grid
            self.caption = caption
            self.shortCaption = shortCaption
        }
    }

    public var tiles: [Tile]
    public var shading: Shading
    /// Cells per pixel column at most: small kernels would otherwise fill the screen.
    public var maximumScale: Int

    public init(tiles: [Tile], shading: Shading, maximumScale: Int = 2) {
        self.tiles = tiles
        self.shading = shading
        self.maximumScale = maximumScale
    }

    /// The tile size in cells (image part only) and the tiles per row that fit `area`.
    public func layout(in area: Rect) -> (width: Int, height: Int, perRow: Int)? {
        guard let first = tiles.first, !area.isEmpty else { return nil }
        let columns = first.grid.columns, rows = first.grid.rows
        let captionLines = tiles.map(\.caption.count).max() ?? 0
        // From the largest scale down, the first at which every tile fits.
        for width in stride(from: columns * maximumScale, through: 1, by: -1) {
            let height = max(1, Int((Double(width) * Double(rows) / Double(columns) / 2).rounded(.up)))
            let perRow = max(1, (area.width + 1) / (width + 1))
            let rowCount = (tiles.count + perRow - 1) / perRow
            if width <= area.width && rowCount * (height + captionLines) + (rowCount - 1) <= area.height {
                return (width, height, perRow)
            }
        }
        return nil
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard let (width, height, perRow) = layout(in: area) else { return }
        let captionLines = tiles.map(\.caption.count).max() ?? 0
        let magnitude = Double(tiles.map(\.grid.largestMagnitude).max() ?? 0)
        for (index, tile) in tiles.enumerated() {
            let x = area.x + (index % perRow) * (width + 1)
            let y = area.y + (index / perRow) * (height + captionLines + 1)
            let image = Rect(x: x, y: y, width: width, height: height)
            switch shading {
            case .grey: GreyImage(grid: tile.grid).render(in: image, buffer: &buffer, theme: theme)
            case .greyRange(let range): GreyImage(grid: tile.grid, range: range).render(in: image, buffer: &buffer, theme: theme)
            case .diverging:
                Heatmap(grid: tile.grid, range: magnitude > 0 ? -magnitude...magnitude : nil).render(in: image, buffer: &buffer, theme: theme)
            }
            let captionArea = Rect(x: x, y: y + height, width: width, height: captionLines).intersection(area)
            for (line, whole) in tile.caption.enumerated() {
                let text = whole.count > width && tile.shortCaption.indices.contains(line) ? tile.shortCaption[line] : whole
                buffer.write(text, x: x, y: y + height + line, style: line == 0 ? theme.text : theme.dimText, clip: captionArea)
            }
        }
    }
}
