import Testing
@testable import BackpropWidgets

@Suite struct HistogramTests {
    @Test func barsRiseInEighthsWithRangeLabels() {
        var buffer = CellBuffer(width: 8, height: 3)
        Histogram(counts: [1, 2, 4, 8, 16, 8, 4, 0], range: -1...1).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
            █
        ▁▂▄███▄
        -1     1
        """)
    }

    @Test func binningCountsValuesAndClampsOutliers() {
        let counts = Histogram.binning([-5, -0.9, 0, 0.1, 0.9, .nan, 7], bins: 4, range: -1...1)
        #expect(counts == [2, 0, 2, 2])
    }

    @Test func moreBinsThanColumnsAreSummed() {
        #expect(Histogram.resample([1, 1, 2, 2, 3, 3], to: 3) == [2, 4, 6])
        #expect(Histogram.resample([1, 2], to: 4) == [1, 1, 2, 2])
    }
}

@Suite struct SparklineTests {
    @Test func showsTheMostRecentValuesThatFit() {
        var buffer = CellBuffer(width: 6, height: 1)
        Sparkline(values: [100, 0, 1, 2, 3, .nan, 7]).render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == ["▁▂▃▄ █"])
    }
}

@Suite struct GaugeTests {
    @Test func fillsInEighthsAndShowsThePercentage() {
        var buffer = CellBuffer(width: 20, height: 1)
        Gauge(fraction: 0.55, label: "epoch").render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == ["epoch ████▉░░░░  55%"])
    }

    @Test func clampsOutOfRangeFractions() {
        var buffer = CellBuffer(width: 10, height: 1)
        Gauge(fraction: 3).render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.lines == ["█████ 100%"])
    }
}

@Suite struct TableTests {
    @Test func alignsColumnsUnderAHeader() {
        let table = Table(
            columns: [.init("preset"), .init("loss", alignment: .right), .init("acc", width: 5, alignment: .center)],
            rows: [["mlp", "0.0312", "97%"], ["playground-spiral", "1.2", "50%"]],
            highlightedRow: 1)
        var buffer = CellBuffer(width: 31, height: 4)
        table.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        preset               loss   acc
        ───────────────────────────────
        mlp                0.0312   97%
        playground-spiral     1.2   50%
        """)
        #expect(buffer[0, 3].style == Theme.monochrome.focus)
    }

    @Test func longCellsAreCutWithAnEllipsis() {
        #expect(TextFit.padded("learning rate", width: 6, alignment: .left) == "learn…")
    }
}

@Suite struct ConfusionMatrixTests {
    @Test func rowsAreTrueClassesColumnsArePredictions() {
        let matrix = ConfusionMatrix(classNames: ["0", "1", "2"], counts: [[120, 3, 0], [2, 118, 5], [0, 0, 99]])
        var buffer = CellBuffer(width: 24, height: 4)
        matrix.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        true\\pred   0   1   2
        0         120   3   0
        1           2 118   5
        2           0   0  99
        """)
        #expect(buffer[11, 1].style.attributes.contains(.bold))
        #expect(buffer[19, 1].style == Theme.monochrome.dimText)
    }
}
