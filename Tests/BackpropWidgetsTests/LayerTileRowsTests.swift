import Testing
@testable import BackpropWidgets

@Suite struct LayerTileRowsTests {
    static func maps(_ count: Int, size: Int) -> [ValueGrid] {
        (0..<count).map { _ in ValueGrid(columns: size, rows: size, values: [Float](repeating: 0.5, count: size * size)) }
    }

    /// LeNet's feature maps for one image: what the convolution lab draws.
    static let lenet = LayerTileRows(layers: [
        .init(name: "1 ReLU 6@28x28", images: maps(6, size: 28)),
        .init(name: "2 MaxPool2d 6@14x14", images: maps(6, size: 14)),
        .init(name: "4 ReLU 16@10x10", images: maps(16, size: 10)),
        .init(name: "5 MaxPool2d 16@5x5", images: maps(16, size: 5)),
    ])

    @Test func everyLayerFitsWithTilesLargeEnoughToSeeAtTheSmallestPane() {
        // The feature-map pane at 120x40, beside the input's column.
        let area = Rect(x: 0, y: 0, width: 25, height: 17)
        let placements = Self.lenet.placements(in: area)
        #expect(placements.count == 4, "every layer keeps a row")
        #expect(placements.reduce(0) { $0 + $1.height } <= area.height)
        #expect(placements[0].tileWidth >= 6, "a 28-pixel map drawn at least 6 cells wide, not a speck")
        #expect(placements[3].tileWidth == 5, "a 5-pixel map at its own size")
    }

    @Test func aRoomyPaneShowsEveryMap() {
        let placements = Self.lenet.placements(in: Rect(x: 0, y: 0, width: 120, height: 40))
        #expect(placements.map(\.shown) == [6, 6, 16, 16])
    }

    @Test func spareHeightGoesToLayersWithMapsUnseen() {
        let placements = Self.lenet.placements(in: Rect(x: 0, y: 0, width: 38, height: 34))
        #expect(placements.count == 4)
        #expect(placements.contains { $0.rows > 1 }, "height left over shows more maps: \(placements)")
        #expect(placements.reduce(0) { $0 + $1.height } <= 34)
        for (placement, layer) in zip(placements, Self.lenet.layers) {
            #expect(placement.shown == min(layer.images.count, placement.rows * placement.perRow))
        }
    }

    @Test func labelsSayHowManyMapsAreShownBeforeTheNameIsShortened() {
        #expect(LayerTileRows.label("4 ReLU 16@10x10", shown: 3, of: 16, width: 40) == "4 ReLU 16@10x10 · 3 of 16")
        #expect(LayerTileRows.label("4 ReLU 16@10x10", shown: 3, of: 16, width: 24, compact: true) == "4 ReLU 16@10x10 · 3/16")
        #expect(LayerTileRows.label("4 ReLU 16@10x10", shown: 3, of: 16, width: 16, compact: true) == "4 ReLU… · 3/16")
        #expect(LayerTileRows.label("4 ReLU 16@10x10", shown: 16, of: 16, width: 40) == "4 ReLU 16@10x10")
    }

    @Test func rendersEachLayersLabelAboveItsTiles() {
        var buffer = CellBuffer(width: 25, height: 17)
        Self.lenet.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        let labels = buffer.lines.filter { $0.contains("@") }
        #expect(labels.count == 4)
        let forms = Set(labels.compactMap { $0.contains(" of ") ? "long" : $0.contains("/") ? "compact" : nil })
        #expect(forms.count <= 1, "one form of count in a pane: \(labels)")
        #expect(buffer.lines[0].hasPrefix("1 ReLU 6@28x28"))
        #expect(buffer.lines[1].hasPrefix("█"), "the first layer's tiles start under its label")
    }
}
