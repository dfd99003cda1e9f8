/// A network's layers one under another, each a label and its images as tiles: a test
/// image's feature maps, layer by layer.
///
/// Every tile has the same width (or its own size, when that is smaller). When every map
/// fits at a readable width, the largest such width is used. Otherwise each layer gets a
/// row of tiles and the height left over is shared out a row at a time, at the readable
/// width that shows the most maps: a layer shows its first maps and its label says how
/// many (`1–4 of 16`), rather than all of them as specks.
public struct LayerTileRows: Sendable {
    public struct Layer: Sendable, Equatable {
        public var name: String
        public var images: [ValueGrid]

        public init(name: String, images: [ValueGrid]) {
            self.name = name
            self.images = images
        }
    }

    /// How one layer is drawn: tiles of `tileWidth` x `tileHeight` cells, `perRow` in each
    /// of `rows` rows, the first `shown` images.
    public struct Placement: Sendable, Equatable {
        public var tileWidth: Int
        public var tileHeight: Int
        public var perRow: Int
        public var rows: Int
        public var shown: Int

        /// Label line, tile rows, and a blank line between tile rows.
        var height: Int { 1 + rows * tileHeight + (rows - 1) }
    }

    /// Narrower than this, a tile is drawn only when nothing wider fits at all.
    static let readableTileWidth = 6

    public var layers: [Layer]
    public var shading: ImageTiles.Shading
    /// No tile grows past this many cells, so that a roomy pane still shows whole layers.
    public var maximumTileWidth: Int

    public init(layers: [Layer], shading: ImageTiles.Shading = .grey, maximumTileWidth: Int = 28) {
        self.layers = layers
        self.shading = shading
        self.maximumTileWidth = maximumTileWidth
    }

    /// Each layer's placement in `area`; layers past the last that fits get none.
    public func placements(in area: Rect) -> [Placement] {
        guard !layers.isEmpty, area.width > 0, area.height > 1 else { return [] }
        // The widest common tile at which every map of every layer fits, while that keeps
        // tiles readable; else the readable width that shows the most maps, each layer given
        // one row and the height left over; else whatever width lets each layer have a row.
        let widths = Array(stride(from: maximumTileWidth, through: 1, by: -1))
        let whole = widths.lazy.filter { $0 >= Self.readableTileWidth }
            .map { width in self.layers.map { self.placement(of: $0, tileWidth: width, areaWidth: area.width, wrapped: true) } }
            .first { $0.reduce(0) { $0 + $1.height } <= area.height }
        if let whole { return whole }
        let partial = widths.compactMap { oneRowEach(tileWidth: $0, in: area) }
        let readable = partial.filter { ($0.map(\.tileWidth).max() ?? 0) >= Self.readableTileWidth }
        if let best = readable.max(by: { $0.reduce(0) { $0 + $1.shown } < $1.reduce(0) { $0 + $1.shown } }) { return best }
        if let widest = partial.first { return widest }
        // Not even one row each: the layers that fit, from the first.
        var used = 0
        return Array(layers.map { placement(of: $0, tileWidth: 1, areaWidth: area.width, wrapped: false) }.prefix { placement in
            used += placement.height
            return used <= area.height
        })
    }

    /// Each layer in one row of `tileWidth` tiles, then spare height shared out a row at a
    /// time to each layer with maps unseen; nil when one row each does not fit.
    private func oneRowEach(tileWidth: Int, in area: Rect) -> [Placement]? {
        var placements = layers.map { placement(of: $0, tileWidth: tileWidth, areaWidth: area.width, wrapped: false) }
        var spare = area.height - placements.reduce(0) { $0 + $1.height }
        guard spare >= 0 else { return nil }
        var grew = true
        while grew {
            grew = false
            for index in placements.indices where placements[index].shown < layers[index].images.count
                && spare >= placements[index].tileHeight + 1 {
                placements[index].rows += 1
                placements[index].shown = min(layers[index].images.count, placements[index].rows * placements[index].perRow)
                spare -= placements[index].tileHeight + 1
                grew = true
            }
        }
        return placements
    }

    /// The common tile width `placements(in:)` chooses (0 when nothing fits).
    public func tileWidth(in area: Rect) -> Int {
        placements(in: area).map(\.tileWidth).max() ?? 0
    }

    private func placement(of layer: Layer, tileWidth: Int, areaWidth: Int, wrapped: Bool) -> Placement {
        let columns = layer.images.first?.columns ?? 1, imageRows = layer.images.first?.rows ?? 1
        let width = max(1, min(tileWidth, columns, areaWidth))
        let height = max(1, Int((Double(width) * Double(imageRows) / Double(columns) / 2).rounded(.up)))
        let perRow = max(1, (areaWidth + 1) / (width + 1))
        let rows = wrapped ? max(1, (layer.images.count + perRow - 1) / perRow) : 1
        return Placement(tileWidth: width, tileHeight: height, perRow: perRow, rows: rows, shown: min(layer.images.count, perRow * rows))
    }

    /// The label of a layer showing `shown` of its images, in at most `width` cells: "· 3 of
    /// 16", or "· 3/16" when `compact`; the count is kept before the layer's name is shortened.
    public static func label(_ name: String, shown: Int, of total: Int, width: Int, compact: Bool = false) -> String {
        guard shown < total else { return TextFit.fit(name, width: width) }
        let count = compact ? " · \(shown)/\(total)" : " · \(shown) of \(total)"
        if (name + count).count <= width { return name + count }
        return TextFit.fit(name, width: max(1, width - count.count)) + count
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        var y = area.y
        let placed = Array(zip(layers, placements(in: area)))
        // One form of count for every layer of the pane: the compact one when any needs it.
        let compact = placed.contains { layer, placement in
            placement.shown < layer.images.count && (layer.name + " · \(placement.shown) of \(layer.images.count)").count > area.width
        }
        for (layer, placement) in placed {
            buffer.writeFitted(Self.label(layer.name, shown: placement.shown, of: layer.images.count, width: area.width, compact: compact),
                               x: area.x, y: y, style: theme.accent, clip: area)
            let tiles = layer.images.prefix(placement.shown).map { ImageTiles.Tile(grid: $0) }
            let tileArea = Rect(x: area.x, y: y + 1, width: placement.perRow * (placement.tileWidth + 1) - 1,
                                height: placement.height - 1).intersection(area)
            ImageTiles(tiles: Array(tiles), shading: shading, maximumScale: 1).render(in: tileArea, buffer: &buffer, theme: theme)
            y += placement.height
        }
    }
}
