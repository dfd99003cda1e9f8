/// Square maps of attention weights side by side, one per head: row = the query position,
/// column = the key it looks at, shaded by weight (blank for exactly 0, as under a mask).
/// The tokens label the rows and the columns. When the sequence is too long for the area,
/// only its first positions are drawn (`layout` says how many). When every head fits only
/// without them, the column labels go: the keys are the same tokens as the rows, in order.
public struct AttentionMapGrid: Sendable {
    /// One `[steps, steps]` map, row-major, with a short title ("L1 H2").
    public struct Map: Sendable {
        public var title: String
        public var weights: [Float]

        public init(title: String, weights: [Float]) {
            self.title = title
            self.weights = weights
        }
    }

    public var maps: [Map]
    public var tokens: [String]

    public init(maps: [Map], tokens: [String]) {
        self.maps = maps
        self.tokens = tokens
    }

    /// How the maps fit in an area: positions drawn per map, characters per cell, maps drawn,
    /// and whether each map has its row of column labels (and a blank row below it).
    public struct Layout: Equatable, Sendable {
        public var positions: Int
        public var cellWidth: Int
        public var mapsShown: Int
        public var columnLabels: Bool

        public init(positions: Int, cellWidth: Int, mapsShown: Int, columnLabels: Bool = true) {
            self.positions = positions
            self.cellWidth = cellWidth
            self.mapsShown = mapsShown
            self.columnLabels = columnLabels
        }

        /// Rows from one map's title to the next map's title below it.
        var rowPitch: Int { positions + (columnLabels ? 3 : 1) }
    }

    static let shades: [Character] = ["·", "░", "▒", "▓", "█"]
    /// Columns between two maps.
    static let gap = 2
    /// Fewer positions than this say too little: rather leave some heads out.
    static let fewestPositions = 6
    /// Sequences this short are drawn whole, even if that leaves heads out.
    static let wholeSequenceLimit = 12

    /// A short sequence whole, with as many maps as fit; a longer one in every map if
    /// possible: the most positions (down to `fewestPositions`) at which all maps fit, else
    /// as many maps as fit at that many positions. Two columns per cell when every shown map
    /// still fits that way. Column labels stay unless dropping them shows more heads.
    public func layout(in area: Rect) -> Layout {
        let labelled = layout(in: area, columnLabels: true)
        let compact = layout(in: area, columnLabels: false)
        return compact.mapsShown > labelled.mapsShown && compact.positions >= labelled.positions ? compact : labelled
    }

    private func layout(in area: Rect, columnLabels: Bool) -> Layout {
        let steps = tokens.count
        let headerRows = columnLabels ? 2 : 1
        // Title (and column labels) above each map, a label column before it.
        let most = max(0, min(steps, area.height - headerRows, area.width - 1))
        guard most > 0, !maps.isEmpty else { return Layout(positions: 0, cellWidth: 1, mapsShown: 0, columnLabels: columnLabels) }
        func mapsFitting(positions: Int, cellWidth: Int) -> Int {
            let width = 1 + positions * cellWidth
            let perRow = max(0, (area.width + Self.gap) / (width + Self.gap))
            // Labelled maps leave a blank row below them; compact ones are divided by the next title.
            let rows = columnLabels ? max(0, (area.height + 1) / (positions + 3)) : max(0, area.height / (positions + 1))
            return min(maps.count, perRow * rows)
        }
        let fewest = min(most, Self.fewestPositions)
        // A short sequence is read whole (a reversal's anti-diagonal needs every position):
        // then as many heads as fit, the rest said in the title. A longer one shows as many
        // positions as let every head fit.
        let positions = steps <= Self.wholeSequenceLimit && most == steps ? steps
            : stride(from: most, through: fewest, by: -1).first { mapsFitting(positions: $0, cellWidth: 1) == maps.count } ?? fewest
        let shown = mapsFitting(positions: positions, cellWidth: 1)
        let cellWidth = mapsFitting(positions: positions, cellWidth: 2) == shown ? 2 : 1
        return Layout(positions: positions, cellWidth: cellWidth, mapsShown: shown, columnLabels: columnLabels)
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        let layout = layout(in: area)
        guard layout.mapsShown > 0 else { return }
        let width = 1 + layout.positions * layout.cellWidth
        let perRow = max(1, (area.width + Self.gap) / (width + Self.gap))
        for index in 0..<layout.mapsShown {
            let x = area.x + (index % perRow) * (width + Self.gap)
            let y = area.y + (index / perRow) * layout.rowPitch
            draw(maps[index], x: x, y: y, layout: layout, clip: area, buffer: &buffer, theme: theme)
        }
    }

    private func draw(_ map: Map, x: Int, y: Int, layout: Layout, clip: Rect, buffer: inout CellBuffer, theme: Theme) {
        let steps = tokens.count
        let mapWidth = 1 + layout.positions * layout.cellWidth
        buffer.write(map.title, x: x, y: y, style: theme.text, clip: clip.intersection(Rect(x: x, y: y, width: mapWidth, height: 1)))
        let top = y + (layout.columnLabels ? 2 : 1)
        for position in 0..<layout.positions {
            let label = tokens[position].first.map(String.init) ?? " "
            if layout.columnLabels {
                buffer.write(label, x: x + 1 + position * layout.cellWidth, y: y + 1, style: theme.dimText, clip: clip)
            }
            buffer.write(label, x: x, y: top + position, style: theme.dimText, clip: clip)
        }
        guard map.weights.count == steps * steps else { return }
        for query in 0..<layout.positions {
            for key in 0..<layout.positions {
                let shade = String(repeating: Self.shade(map.weights[query * steps + key]), count: layout.cellWidth)
                buffer.write(shade, x: x + 1 + key * layout.cellWidth, y: top + query, style: theme.accent, clip: clip)
            }
        }
    }

    /// Blank for exactly 0, a dot below 5%, then a darker block per quarter.
    static func shade(_ weight: Float) -> Character {
        if weight == 0 { return " " }
        if weight < 0.05 { return shades[0] }
        return shades[min(4, 1 + Int(weight * 4))]
    }
}
