import Testing
@testable import BackpropWidgets

@Suite struct AttentionMapGridTests {
    /// A reversal head (the anti-diagonal) and a causal head (nothing above the diagonal).
    let grid = AttentionMapGrid(maps: [
        AttentionMapGrid.Map(title: "L1 H1", weights: [0, 0, 1, 0, 1, 0, 1, 0, 0]),
        AttentionMapGrid.Map(title: "L1 H2", weights: [1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5]),
    ], tokens: ["a", "b", "c"])

    @Test func mapsShadeEachWeightUnderTheirTokens() {
        var buffer = CellBuffer(width: 16, height: 5)
        grid.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            "L1 H1    L1 H2",
            " a b c    a b c",
            "a    ██  a██",
            "b  ██    b▓▓▓▓",
            "c██      c░░▒▒▓▓",
        ])
    }

    @Test func narrowAreasUseOneColumnPerCell() {
        var buffer = CellBuffer(width: 10, height: 5)
        grid.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(grid.layout(in: buffer.bounds) == AttentionMapGrid.Layout(positions: 3, cellWidth: 1, mapsShown: 2))
        #expect(buffer.lines == [
            "L1 H  L1 H",
            " abc   abc",
            "a  █  a█",
            "b █   b▓▓",
            "c█    c░▒▓",
        ])
    }

    @Test func longSequencesShowTheirFirstPositions() {
        let tokens = (0..<64).map { String($0 % 10) }
        let long = AttentionMapGrid(maps: [AttentionMapGrid.Map(title: "L1 H1", weights: [Float](repeating: 1.0 / 64, count: 64 * 64))],
                                    tokens: tokens)
        #expect(long.layout(in: Rect(x: 0, y: 0, width: 40, height: 10)) == AttentionMapGrid.Layout(positions: 8, cellWidth: 2, mapsShown: 1))
        #expect(AttentionMapGrid.shade(0) == " " && AttentionMapGrid.shade(0.01) == "·" && AttentionMapGrid.shade(0.99) == "█")
    }
}

@Suite struct AttentionMapGridLayoutTests {
    /// Eight heads over 64 positions in a 37x22 area: every head at fewer positions beats one head at many.
    @Test func everyHeadBeforeMorePositions() {
        let maps = (0..<8).map { AttentionMapGrid.Map(title: "H\($0)", weights: [Float](repeating: 0, count: 64 * 64)) }
        let grid = AttentionMapGrid(maps: maps, tokens: (0..<64).map { String($0 % 10) })
        #expect(grid.layout(in: Rect(x: 0, y: 0, width: 37, height: 22)) == AttentionMapGrid.Layout(positions: 6, cellWidth: 1, mapsShown: 8))
        #expect(grid.layout(in: Rect(x: 0, y: 0, width: 20, height: 9)).mapsShown == 2, "at the fewest positions, as many heads as fit")
    }

    /// The reversal's four heads of eight positions in the 36x18 a lab pane has at 80x24: with
    /// column labels three fit in a row and a second row does not; without them all four do,
    /// whole and two columns a cell, each row of maps under the titles of the next.
    @Test func everyHeadOfAShortSequenceWithoutColumnLabels() {
        let maps = (0..<4).map { AttentionMapGrid.Map(title: "H\($0 + 1)", weights: [Float](repeating: 1.0 / 8, count: 64)) }
        let grid = AttentionMapGrid(maps: maps, tokens: (0..<8).map(String.init))
        let area = Rect(x: 0, y: 0, width: 36, height: 18)
        #expect(grid.layout(in: area) == AttentionMapGrid.Layout(positions: 8, cellWidth: 2, mapsShown: 4, columnLabels: false))
        var buffer = CellBuffer(width: 36, height: 18)
        grid.render(in: area, buffer: &buffer, theme: .monochrome)
        let lines = buffer.lines
        #expect(lines[0].hasPrefix("H1                 H2"))
        #expect(lines[1].hasPrefix("0░░░░░░░░░░░░░░░░  0░░░░░░░░░░░░░░░░"))
        #expect(lines[9].hasPrefix("H3                 H4"))
        #expect(lines[17].hasPrefix("7░░░░░░░░░░░░░░░░  7"))
        // Room for the labels: they come back.
        #expect(grid.layout(in: Rect(x: 0, y: 0, width: 36, height: 23)).columnLabels)
    }
}

@Suite struct PanelTitleFitTests {
    /// A long title keeps the view counter and drops whole phrases from its end, marked `…`.
    @Test func aLongTitleKeepsItsViewCounter() {
        #expect(Panel.fit("Unrolled · 1/200 recall DDB · answered BAB · v 1/4", width: 40) == "Unrolled · 1/200 recall DDB · … · v 1/4")
        #expect(Panel.fit("Short · v 1/4", width: 40) == "Short · v 1/4")
        #expect(Panel.fit("Training health per layer · v 2/3", width: 20) == "Training… · v 2/3")
        // Without a counter, phrases still go whole.
        #expect(Panel.fit("Loss · train 0.5 · val 0.6", width: 20) == "Loss · train 0.5 · …")
    }
}
