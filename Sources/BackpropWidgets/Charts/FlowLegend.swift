/// A legend whose entries flow left to right and wrap onto the next row, two spaces apart:
/// six optimizers with their losses fit one wide row or two narrow ones.
public struct FlowLegend: Sendable {
    public var entries: [(text: String, style: Style)]

    public init(entries: [(text: String, style: Style)]) {
        self.entries = entries
    }

    /// The rows the entries take at `width` columns.
    public func rows(width: Int) -> Int {
        positions(width: width).map(\.row).max().map { $0 + 1 } ?? 0
    }

    /// Draws as many rows as `area` holds; an entry wider than the area is cut at its edge.
    public func render(in area: Rect, buffer: inout CellBuffer) {
        for (entry, place) in zip(entries, positions(width: area.width)) where place.row < area.height {
            buffer.write(entry.text, x: area.x + place.column, y: area.y + place.row, style: entry.style, clip: area)
        }
    }

    private func positions(width: Int) -> [(row: Int, column: Int)] {
        var row = 0, column = 0
        return entries.map { entry in
            if column > 0 && column + entry.text.count > width {
                row += 1
                column = 0
            }
            defer { column += entry.text.count + 2 }
            return (row, column)
        }
    }
}
