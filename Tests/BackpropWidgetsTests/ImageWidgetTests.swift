import Testing
@testable import BackpropWidgets

@Suite struct ImageWidgetTests {
    /// A 2x4 image: black on the left, white on the right, top row darker than the bottom.
    let ramp = ValueGrid(columns: 2, rows: 4, values: [0, 1, 0, 1, 0.5, 1, 0.5, 1])

    @Test func greyImageUsesHalfBlocksFromTheGreyRampIn256Colours() {
        var buffer = CellBuffer(width: 2, height: 2)
        GreyImage(grid: ramp, range: 0...1).render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == ["▀▀", "▀▀"])
        #expect(buffer[0, 0].style.foreground == .indexed(16) && buffer[0, 0].style.background == .indexed(16))
        #expect(buffer[1, 0].style.foreground == .indexed(231))
        // 0.5 is step 13 of 25 (rounded), palette grey 244.
        #expect(buffer[0, 1].style.foreground == .indexed(244))
    }

    @Test func greyImageFallsBackToShadesWithoutColour() {
        var buffer = CellBuffer(width: 2, height: 2)
        GreyImage(grid: ramp, range: 0...1).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [" █", "▒█"])
    }

    @Test func greyImageWithoutRangeStretchesToItsLargestValue() {
        var buffer = CellBuffer(width: 1, height: 1)
        GreyImage(grid: ValueGrid(columns: 1, rows: 2, values: [0.2, 0.2])).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["█"])
    }

    @Test func fittedSizeKeepsPixelsSquareAndNeverEnlarges() {
        let image = GreyImage(grid: ValueGrid(columns: 28, rows: 28, values: [Float](repeating: 0, count: 784)))
        #expect(image.fittedSize(in: Rect(x: 0, y: 0, width: 80, height: 40)) == (28, 14))
        #expect(image.fittedSize(in: Rect(x: 0, y: 0, width: 14, height: 40)) == (14, 7))
        #expect(image.fittedSize(in: Rect(x: 0, y: 0, width: 80, height: 7)) == (14, 7))
    }

    @Test func tilesWrapIntoRowsWithCaptions() {
        let tile = ValueGrid(columns: 2, rows: 2, values: [1, 1, 1, 1])
        let tiles = (1...3).map { ImageTiles.Tile(grid: tile, caption: ["\($0)"]) }
        var buffer = CellBuffer(width: 6, height: 5)
        ImageTiles(tiles: tiles, shading: .greyRange(0...1), maximumScale: 1).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["██ ██", "1  2", "", "██", "3"])
    }

    @Test func divergingTilesShareOneScale() {
        let strong = ValueGrid(columns: 1, rows: 2, values: [-2, 2])
        let weak = ValueGrid(columns: 1, rows: 2, values: [-1, 1])
        var buffer = CellBuffer(width: 3, height: 1)
        ImageTiles(tiles: [.init(grid: strong), .init(grid: weak)], shading: .diverging, maximumScale: 1)
            .render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let ramp = Theme.dark256.divergingRamp
        #expect(buffer[0, 0].style.foreground == ramp.first && buffer[0, 0].style.background == ramp.last)
        #expect(buffer[2, 0].style.foreground != ramp.first && buffer[2, 0].style.background != ramp.last)
    }

    @Test func probabilityBarsMarkTheTrueAndTheWrongClass() {
        var buffer = CellBuffer(width: 20, height: 3)
        ProbabilityBars(classNames: ["cat", "dog", "eel"], probabilities: [0.25, 0.75, 0], trueClass: 0)
            .render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["✓cat ██▌·······  25%", "✗dog ███████▌··  75%", " eel ··········   0%"])
    }

    /// Fashion-MNIST's longest name, `T-shirt/top`, stays whole while a six-cell bar fits beside it.
    @Test func probabilityBarsKeepNamesWholeBeforeWideningTheBars() {
        let bars = ProbabilityBars(classNames: Self.fashionClasses, probabilities: Array(repeating: 0.1, count: 10), trueClass: 9)
        #expect(bars.widthForWholeNames == 24)
        var buffer = CellBuffer(width: 24, height: 10)
        bars.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        for (line, name) in zip(buffer.lines, Self.fashionClasses) { #expect(line.contains(name + " "), "\(line)") }
        #expect(buffer.lines[0].hasSuffix(" 10%"))
    }

    @Test func confusionMatrixHeadsColumnsWithCodesWhenNamesAreTooLong() {
        var buffer = CellBuffer(width: 24, height: 3)
        ConfusionMatrix(classNames: ["T-shirt/top", "Trouser"], counts: [[7, 1], [0, 12]])
            .render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["true\\pred     A  B", "A T-shirt/top 7  1", "B Trouser     0 12"])
    }

    static let fashionClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    static let fashionCounts = [
        [68, 0, 1, 20, 0, 1, 9, 0, 1, 0], [0, 102, 0, 3, 0, 0, 0, 0, 0, 0], [1, 0, 34, 4, 22, 0, 30, 0, 2, 0],
        [1, 2, 0, 82, 1, 0, 6, 0, 0, 0], [0, 0, 2, 5, 90, 0, 9, 0, 0, 0], [0, 0, 0, 0, 0, 79, 0, 12, 0, 6],
        [7, 0, 4, 7, 13, 0, 61, 0, 1, 0], [0, 0, 0, 0, 0, 5, 0, 93, 0, 4], [0, 1, 0, 1, 0, 1, 2, 0, 95, 0],
        [0, 0, 0, 0, 0, 1, 0, 3, 0, 99],
    ]

    @Test func tenClassesFitAnEightyColumnLabWithTheirNamesInTheRows() {
        var buffer = CellBuffer(width: 50, height: 11)
        ConfusionMatrix(classNames: Self.fashionClasses, counts: Self.fashionCounts).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        true\\pred      A   B  C  D  E  F  G  H  I  J
        A T-shirt/top 68   0  1 20  0  1  9  0  1  0
        B Trouser      0 102  0  3  0  0  0  0  0  0
        C Pullover     1   0 34  4 22  0 30  0  2  0
        D Dress        1   2  0 82  1  0  6  0  0  0
        E Coat         0   0  2  5 90  0  9  0  0  0
        F Sandal       0   0  0  0  0 79  0 12  0  6
        G Shirt        7   0  4  7 13  0 61  0  1  0
        H Sneaker      0   0  0  0  0  5  0 93  0  4
        I Bag          0   1  0  1  0  1  2  0 95  0
        J Ankle boot   0   0  0  0  0  1  0  3  0 99
        """)
    }

    @Test func tenClassesInANarrowPaneKeepEveryColumnAndExplainTheCodesBelow() {
        var buffer = CellBuffer(width: 36, height: 16)
        ConfusionMatrix(classNames: Self.fashionClasses, counts: Self.fashionCounts).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
           A   B  C  D  E  F  G  H  I  J
        A 68   0  1 20  0  1  9  0  1  0
        B  0 102  0  3  0  0  0  0  0  0
        C  1   0 34  4 22  0 30  0  2  0
        D  1   2  0 82  1  0  6  0  0  0
        E  0   0  2  5 90  0  9  0  0  0
        F  0   0  0  0  0 79  0 12  0  6
        G  7   0  4  7 13  0 61  0  1  0
        H  0   0  0  0  0  5  0 93  0  4
        I  0   1  0  1  0  1  2  0 95  0
        J  0   0  0  0  0  1  0  3  0 99

        A T-shirt/top  B Trouser  C Pullover
        D Dress  E Coat  F Sandal  G Shirt
        H Sneaker  I Bag  J Ankle boot

        """)
    }
}
