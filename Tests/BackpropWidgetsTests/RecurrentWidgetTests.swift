import Testing
@testable import BackpropWidgets

@Suite struct RecurrentWidgetTests {
    @Test func aWordReadStepByStepWithTheChainAndPredictions() {
        let hidden: [[Float]] = [[-1, 0, 1], [1, 1, 1], [-1, -1, -1]]
        let view = SequenceHeatmap(labels: ["⏎", "c", "a"], blocks: [.init(title: "h", rows: hidden, range: -1...1)],
                                   cellName: "RNN", notes: ["c", "a", "t"])
        var buffer = CellBuffer(width: 20, height: 4)
        view.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            "           h",
            "⏎ ─▶[RNN]┐  ▒█    →c",
            "c ─▶[RNN]┤ ███    →a",
            "a ─▶[RNN]┘        →t",
        ])
    }

    @Test func stepsWithoutANoteGetNoArrow() {
        var buffer = CellBuffer(width: 10, height: 3)
        SequenceHeatmap(labels: ["A", "?"], blocks: [.init(title: "h", rows: [[1], [1]], range: -1...1)], notes: ["", "A"])
            .render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["   h", "A  █", "?  █    →A"])
    }

    @Test func longSequencesShowTheirEndsAroundAGap() {
        #expect(SequenceHeatmap.shownSteps(count: 4, rows: 6) == [0, 1, 2, 3])
        #expect(SequenceHeatmap.shownSteps(count: 30, rows: 6) == [0, 1, 2, nil, 28, 29])
        // The marked steps stay in sight, with a gap line for each run left out.
        #expect(SequenceHeatmap.shownSteps(count: 30, rows: 8, kept: [7, 20]) == [0, 1, nil, 7, nil, 20, nil, 29])
        #expect(SequenceHeatmap.shownSteps(count: 30, rows: 3, kept: [7, 20]) == [27, 28, 29], "too few rows for the marks")
        var buffer = CellBuffer(width: 12, height: 4)
        SequenceHeatmap(labels: (0..<10).map(String.init), blocks: [.init(title: "h", rows: Array(repeating: [1], count: 10), range: -1...1)])
            .render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines.map { $0.trimmingCharacters(in: .whitespaces) } == ["h", "0  █", "⋮", "9  █"])
    }

    @Test func blocksSitSideBySideAndSayWhenUnitsAreCut() {
        let gates = SequenceHeatmap(labels: ["x"], blocks: [.init(title: "f", rows: [[0, 1, 1, 1, 1, 1]], range: 0...1),
                                                           .init(title: "i", rows: [[1, 0]], range: 0...1)])
        var buffer = CellBuffer(width: 12, height: 2)
        gates.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == ["   f    i", "x   ███ █"], "six units cut to the four that fit")
        var wide = CellBuffer(width: 30, height: 2)
        gates.render(in: wide.bounds, buffer: &wide, theme: .monochrome)
        #expect(wide.lines[0] == "   f             i")
        var empty = CellBuffer(width: 12, height: 1)
        SequenceHeatmap(labels: [], blocks: [], placeholder: "no trace").render(in: empty.bounds, buffer: &empty, theme: .monochrome)
        #expect(empty.lines == ["no trace"])
    }

    @Test func gradientNormsPerStepOnALogScale() {
        // Each step back keeps a tenth of the gradient: bars fall one decade per step.
        let bars = StepBars(values: [1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(StepBars.decades(of: bars.values)! == (-4, 0))
        var buffer = CellBuffer(width: 11, height: 5)
        bars.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            "1e0      █",
            "        ██",
            "       ███",
            "1e-4 ▁████",
            "     t=0",
        ])
        var empty = CellBuffer(width: 8, height: 3)
        StepBars(values: [0, .nan], placeholder: "none").render(in: empty.bounds, buffer: &empty, theme: .monochrome)
        #expect(empty.lines.first == "none")
    }
}

/// A block too narrow for its title takes a shorter form whole: `cell ±21.3` is never
/// cut into `cell ±21.`, a different number.
@Test func aNarrowBlockTakesItsShorterTitle() {
    let rows: [[Float]] = [[1, -1], [0.5, 0]]
    let block = SequenceHeatmap.Block(title: "cell ±21.3", shorterTitles: ["±21.3", "cell"], rows: rows, range: -21.3...21.3)
    var buffer = CellBuffer(width: 10, height: 3)
    SequenceHeatmap(labels: ["a", "b"], blocks: [block]).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
    #expect(buffer.lines[0].contains("±21.3") && !buffer.lines[0].contains("cell"), "\(buffer.lines)")
    var narrow = CellBuffer(width: 7, height: 3)
    SequenceHeatmap(labels: ["a", "b"], blocks: [block]).render(in: narrow.bounds, buffer: &narrow, theme: .monochrome)
    #expect(narrow.lines[0].contains("cell") && !narrow.lines[0].contains("±"), "\(narrow.lines)")
}
