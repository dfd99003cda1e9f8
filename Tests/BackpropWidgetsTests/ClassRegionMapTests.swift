import Testing
@testable import BackpropWidgets

@Suite struct ClassRegionMapTests {
    /// Three classes in three columns; the middle column unsure.
    let map = ClassRegionMap(columns: 3, rows: 1, classes: [0, 1, 2], confidence: [0.9, 0.5, 0.95],
                             points: [HeatmapPoint(x: 0.1, y: 0.5, classIndex: 0, isTest: false)])

    @Test func monochromeShadesEachClassAndBoldsSureRegions() {
        var buffer = CellBuffer(width: 6, height: 2)
        map.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
          ░░▒▒
        o ░░▒▒
        """)
        #expect(buffer[2, 0].style.attributes.isEmpty, "the unsure middle is plain")
        #expect(buffer[4, 0].style.attributes.contains(.bold))
    }

    @Test func colourUsesPaleAndStrongTintsPerClass() {
        var buffer = CellBuffer(width: 3, height: 1)
        ClassRegionMap(columns: 3, rows: 1, classes: [0, 1, 2], confidence: [0.9, 0.5, 0.95])
            .render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let tints = Theme.dark256.classRegionColors
        #expect(buffer[0, 0] == Cell("▀", style: Style(foreground: tints[0][1], background: tints[0][1])))
        #expect(buffer[1, 0].style.foreground == tints[1][0])
        #expect(buffer[2, 0].style.foreground == tints[2][1])
    }

    @Test func eightColoursShadeInTheClassColour() {
        var buffer = CellBuffer(width: 3, height: 1)
        ClassRegionMap(columns: 3, rows: 1, classes: [0, 1, 2], confidence: [0.9, 0.5, 0.95])
            .render(in: buffer.bounds, buffer: &buffer, theme: .basic8)
        #expect(buffer.text == "▒░▒")
        #expect(buffer[1, 0].style.foreground == Theme.basic8.classColors[1])
    }
}

@Suite struct AlertBoxTests {
    @Test func wrapsTheMessageInAHeavyFrameWithTheHintBelow() {
        var buffer = CellBuffer(width: 30, height: 8)
        AlertBox(title: "Diverged", message: "the loss became NaN at step 12", hint: "press r")
            .render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """

        ┏━ Diverged ━━━━━━━━━━━━━━━━━┓
        ┃ the loss became NaN at     ┃
        ┃ step 12                    ┃
        ┃                            ┃
        ┃ press r                    ┃
        ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

        """)
    }
}

@Suite struct HistogramListTests {
    @Test func titlesNotesAndBarsPerEntry() {
        let list = HistogramList(entries: [
            .init(title: "0 Linear", note: "r 0.1", counts: [1, 2, 4, 2]),
            .init(title: "2 Linear", note: "r 0.02", counts: [4, 0, 0, 4]),
        ])
        var buffer = CellBuffer(width: 16, height: 4)
        list.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        0 Linear   r 0.1
        ▂▂▂▂▄▄▄▄████▄▄▄▄
        2 Linear  r 0.02
        ████        ████
        """)
    }

    @Test func countsWhatDoesNotFit() {
        let entry = HistogramList.Entry(title: "layer", counts: [1])
        var buffer = CellBuffer(width: 30, height: 3)
        HistogramList(entries: [entry, entry, entry, entry]).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0] == "layer")
        #expect(buffer.lines[2] == "+3 more (enlarge the terminal)")
    }

    /// Nine layers in nine rows: each on one line rather than three of them left out.
    @Test func oneLineEachWhenTwoRowsEachDoNotFit() {
        let entries = (0..<9).map { HistogramList.Entry(title: "\($0 * 2) Linear", note: "g:d 1e-\($0)", counts: [1, 4]) }
        var buffer = CellBuffer(width: 30, height: 9)
        HistogramList(entries: entries).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0] == "0 Linear  ▂▂▂▂▂▂█████ g:d 1e-0")
        #expect(buffer.lines[8].hasPrefix("16 Linear") && buffer.lines[8].hasSuffix("g:d 1e-8"))
        #expect(!buffer.text.contains("more"))
    }

    @Test func placeholderWhenEmpty() {
        var buffer = CellBuffer(width: 20, height: 2)
        HistogramList(entries: [], placeholder: "no steps yet").render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0] == "no steps yet")
    }
}
