import Foundation
import Testing
@testable import BackpropWidgets

@Suite struct LineChartTests {
    @Test func brailleCanvasSetsDotsByUnicodeNumbering() {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.setDot(x: 0, y: 0, style: .plain)
        canvas.setDot(x: 1, y: 3, style: .plain)
        canvas.drawLine(fromX: 2, y0: 0, toX: 3, y1: 0, style: .plain)
        var buffer = CellBuffer(width: 2, height: 1)
        canvas.render(atX: 0, y: 0, buffer: &buffer)
        #expect(buffer.lines == ["⢁⠉"])
    }

    @Test func theHighestPriorityMarkStylesASharedCell() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.setDot(x: 0, y: 0, style: Theme.dark256.positive, priority: 900)
        canvas.setDot(x: 1, y: 1, style: Theme.dark256.negative, priority: 100)
        var buffer = CellBuffer(width: 1, height: 1)
        canvas.render(atX: 0, y: 0, buffer: &buffer)
        #expect(buffer[0, 0] == Cell("⠑", style: Theme.dark256.positive))
    }

    /// A dense backdrop (batch 1's step losses) never takes a cell a line goes through: the
    /// train line keeps its colour across the band.
    @Test func aDenseBackdropLeavesTheLinesCellsToThem() {
        let steps = 0..<400
        let noisy = steps.map { SeriesPoint(step: $0, value: $0 % 2 == 0 ? 0.2 : 1.0) }
        let flat = steps.map { SeriesPoint(step: $0, value: 0.6) }
        let chart = LineChart(series: [ChartSeries(name: "step", points: noisy, role: .backdrop),
                                       ChartSeries(name: "train", points: flat, role: .train)], xLabel: "step")
        var buffer = CellBuffer(width: 30, height: 8)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let trainCells = (0..<buffer.height).flatMap { y in (0..<buffer.width).map { (x: $0, y: y) } }
            .filter { buffer[$0.x, $0.y].style == Theme.dark256.trainSeries && $0.x > 6 }
        #expect(trainCells.count >= 15, "the train line shows across the band: \(buffer.text)")
        // Its cells hold its own dots, a thin line, not the band's full cells in its colour.
        #expect(trainCells.allSatisfy { buffer[$0.x, $0.y].character != "⣿" }, "\(buffer.text)")
    }

    /// A diverged run's last loss of 1e33 stops at the ceiling: the axis keeps the run before
    /// it readable, and its top label says the values there are that or more.
    @Test func aCeilingKeepsABlowUpFromFlatteningTheRun() {
        var points = (0..<20).map { SeriesPoint(step: $0, value: 2.0 / Double($0 + 1)) }
        points.append(SeriesPoint(step: 20, value: 1e33))
        var chart = LineChart(series: [ChartSeries(name: "train", points: points, role: .train)], scale: .logarithmic, xLabel: "step")
        chart.ceiling = 2000
        var buffer = CellBuffer(width: 30, height: 10)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("≥2000") || buffer.lines[0].hasPrefix("≥2e3"), "\(buffer.text)")
        #expect(!buffer.text.contains("e33"), "\(buffer.text)")
        chart.ceiling = 1e40
        var uncapped = CellBuffer(width: 30, height: 10)
        chart.render(in: uncapped.bounds, buffer: &uncapped, theme: .monochrome)
        #expect(!uncapped.text.contains("≥"), "a ceiling above the data changes nothing")
    }

    /// The dashed reference line is named in the legend, apart from the step line's dots.
    @Test func theReferenceLineIsNamedInTheLegend() {
        let points = (0..<10).map { SeriesPoint(step: $0, value: 3.0 - Double($0) * 0.1) }
        var chart = LineChart(series: [ChartSeries(name: "train", points: points, role: .train),
                                       ChartSeries(name: "val", points: points, role: .test)],
                              scale: .logarithmic, xLabel: "step", referenceLine: 2.53)
        chart.referenceName = "bigram"
        var buffer = CellBuffer(width: 60, height: 10)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.text.contains("┄ bigram"), "\(buffer.text)")
    }

    @Test func linePatternsSetAllHalfOrAQuarterOfTheDots() {
        var canvas = BrailleCanvas(columns: 4, rows: 3)
        canvas.drawLine(fromX: 0, y0: 0, toX: 7, y1: 0, style: .plain)
        canvas.drawLine(fromX: 0, y0: 4, toX: 7, y1: 4, style: .plain, pattern: .dashed)
        canvas.drawLine(fromX: 0, y0: 8, toX: 7, y1: 8, style: .plain, pattern: .dotted)
        var buffer = CellBuffer(width: 4, height: 3)
        canvas.render(atX: 0, y: 0, buffer: &buffer)
        #expect(buffer.lines == ["⠉⠉⠉⠉", "⠉ ⠉", "⠁ ⠁"])
    }

    @Test func fallingLossWithAxisLabels() {
        let points = (0...10).map { SeriesPoint(step: $0 * 10, value: 1.0 - Double($0) * 0.1) }
        let chart = LineChart(series: [ChartSeries(name: "train", points: points, role: .train)], xLabel: "step")
        var buffer = CellBuffer(width: 16, height: 4)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.text == """
        1┤⠉⠒⠤⢄⣀
         │     ⠉⠒⢄⣀
        0┤         ⠉⠑⠢⠤⣀
          0   step   100
        """)
    }

    @Test func twoSeriesGetALegendAndTheTestSeriesIsDashedInMonochrome() {
        let train = (0...20).map { SeriesPoint(step: $0, value: 1) }
        let test = (0...20).map { SeriesPoint(step: $0, value: 0) }
        let chart = LineChart(series: [
            ChartSeries(name: "train", points: train, role: .train),
            ChartSeries(name: "test", points: test, role: .test),
        ])
        var buffer = CellBuffer(width: 24, height: 3)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
        1┤⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉
        0┤⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀ ⣀
          0  ━ train  ┅ test  20
        """)
    }

    @Test func logScaleWithALabelledReferenceLine() {
        let points = [SeriesPoint(step: 0, value: 0.1), SeriesPoint(step: 1, value: 0.001)]
        let chart = LineChart(series: [ChartSeries(name: "ratio", points: points, role: .train)], scale: .logarithmic, referenceLine: 0.01)
        var buffer = CellBuffer(width: 14, height: 4)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.text == """
          0.1┤⠑⠢⡀
         0.01┤⠤ ⠬⠑⢤⡀⠤
        0.001┤     ⠈⠢⢄
              0      1
        """)
    }

    @Test func aSeriesCanComeStraightFromAHistory() {
        var history = SeriesHistory(capacity: 8)
        for step in 1...3 { history.append(step: step, value: Double(step)) }
        #expect(ChartSeries(name: "loss", history: history, role: .train).points == history.points)
    }

    @Test func emptyChartSaysSo() {
        let chart = LineChart(series: [ChartSeries(name: "loss", points: [], role: .train)])
        var buffer = CellBuffer(width: 20, height: 3)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .dark256)
        #expect(buffer.text.contains("no data yet"))
    }
}

extension LineChartTests {
    /// A log axis labels every power of ten between its ends and says it is log; a legend
    /// too long for the axis row wraps onto a row of its own, naming every series.
    @Test func logAxisTicksAndAWrappedLegend() {
        let falling = (0...8).map { SeriesPoint(step: $0, value: pow(10, 1 - Double($0) / 2)) }
        let chart = LineChart(series: [ChartSeries(name: "sgd 0.1", points: falling, role: .train),
                                       ChartSeries(name: "adam 0.001", points: falling.map { SeriesPoint(step: $0.step, value: $0.value / 100) }, role: .test),
                                       ChartSeries(name: "rmsprop 0.01", points: [], role: .accent)],
                              scale: .logarithmic, xLabel: "epoch")
        var buffer = CellBuffer(width: 36, height: 10)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
           10┤⠉⠒⠒⠤⢄⣀⡀
             │      ⠈⠉⠑⠢⢄⣀
          0.1┤⠒ ⠤ ⡀       ⠉⠉⠒⠒⠤⠤⣀⡀
             │    ⠈ ⠒ ⢄ ⡀        ⠈⠑⠢⠤⣀⣀
        0.001┤          ⠈ ⠒ ⠤ ⣀        ⠉⠉⠒⠒⠤
             │                  ⠉ ⠢ ⣀
         1e-5┤                        ⠉ ⠒ ⠤
              0       epoch  y: log        8
              ━ sgd 0.1  ┅ adam 0.001
              ┈ rmsprop 0.01
        """)
    }
}

extension LineChartTests {
    /// Without colour, more series than line patterns: each line's end carries its number,
    /// and the legend gives the same number, so six racers stay apart on a projector.
    @Test func manySeriesInMonochromeAreNumberedAtTheirEndsAndInTheLegend() {
        let series = (0..<6).map { index in
            ChartSeries(name: "r\(index)", points: (0...10).map { SeriesPoint(step: $0, value: Double(index)) }, role: .palette(index))
        }
        var buffer = CellBuffer(width: 40, height: 10)
        LineChart(series: series).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        for (index, glyph) in ["━", "┅", "┈", "━", "┅", "┈"].enumerated() {
            #expect(buffer.text.contains("\(index + 1)\(glyph) r\(index)"), "\(buffer.text)")
        }
        let plotRows = buffer.lines.prefix { !$0.contains("10") }
        for number in "123456" {
            #expect(plotRows.contains { $0.hasSuffix(String(number)) }, "line \(number) ends with its number: \(buffer.text)")
        }
        var coloured = CellBuffer(width: 40, height: 10)
        LineChart(series: series).render(in: coloured.bounds, buffer: &coloured, theme: .dark256)
        #expect(coloured.text.contains("━ r0  ━ r1"), "with colour, colour alone tells them apart")
    }

    /// A backdrop's outlier (one batch's loss near zero) does not stretch the log axis: the
    /// range is the train and val lines', and the backdrop is drawn clamped into it.
    @Test func aBackdropDoesNotSetTheRange() {
        let train = ChartSeries(name: "train", points: (1...8).map { SeriesPoint(step: $0, value: 1 / Double($0)) }, role: .train)
        let noisy = ChartSeries(name: "step", points: (1...8).map { SeriesPoint(step: $0, value: $0 == 5 ? 1e-6 : 1 / Double($0)) }, role: .backdrop)
        var buffer = CellBuffer(width: 40, height: 10)
        LineChart(series: [noisy, train], scale: .logarithmic).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(!buffer.text.contains("1e-6") && !buffer.text.contains("1e-06"), "\(buffer.text)")
        var alone = CellBuffer(width: 40, height: 10)
        LineChart(series: [noisy], scale: .logarithmic).render(in: alone.bounds, buffer: &alone, theme: .monochrome)
        #expect(alone.text.contains("1e-6") || alone.text.contains("1e-06"), "with nothing else, the backdrop sets the range:\n\(alone.text)")
    }

    /// Early stopping's best epoch: a dotted line at its step, named in the legend.
    @Test func aMarkedStepIsADottedLineNamedInTheLegend() {
        let points = (0..<40).map { SeriesPoint(step: $0 * 10, value: 1 + abs(Double($0) - 12) / 10) }
        var chart = LineChart(series: [ChartSeries(name: "train", points: points, role: .train),
                                       ChartSeries(name: "val", points: points, role: .test)], scale: .logarithmic, xLabel: "step")
        chart.markedStep = (120, "best epoch 12")
        var buffer = CellBuffer(width: 40, height: 12)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text.contains("┊ best epoch 12"), "\(buffer.text)")
        // The column of the mark holds dots in every plot row.
        let plotRows = buffer.lines.prefix(8)
        let columns = plotRows.map { Array($0) }
        let marked = (0..<40).filter { column in columns.allSatisfy { column < $0.count && $0[column] != " " } }
        #expect(!marked.isEmpty, "\(buffer.text)")
    }

    /// Inside a long first epoch the batch losses fall well ahead of the epoch's running mean:
    /// the axis reaches their bulk, so the step line is not drawn flat along the floor, while
    /// one lucky batch near zero still does not stretch it.
    @Test func theAxisReachesTheBulkOfTheBatchLosses() {
        let train = (0...20).map { SeriesPoint(step: $0 * 50, value: 2.3 - Double($0) * 0.06) }
        var steps = (0...1000).map { SeriesPoint(step: $0, value: max(0.5, 2.3 - Double($0) * 0.01)) }
        steps[700].value = 1e-6
        var chart = LineChart(series: [ChartSeries(name: "step", points: steps, role: .backdrop),
                                       ChartSeries(name: "train", points: train, role: .train)], scale: .logarithmic, xLabel: "step")
        chart.ceiling = nil
        var buffer = CellBuffer(width: 40, height: 12)
        chart.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        let bottom = buffer.lines.prefix(11).last { $0.contains("┤") } ?? ""
        let value = Double(bottom.split(separator: "┤").first?.trimmingCharacters(in: .whitespaces) ?? "") ?? .nan
        #expect(value <= 0.55 && value > 0.01, "\(buffer.text)")
    }
}

/// Without colour, six racers ending at the same loss are still each named at their end:
/// a number whose cell is taken moves to the nearest free row.
@Test func endNumbersOfLinesEndingTogetherAllShow() {
    let racers = (0..<6).map { racer in
        ChartSeries(name: "racer \(racer)", points: (0..<20).map { SeriesPoint(step: $0, value: 1.0 - Double($0) * 0.01) }, role: .palette(racer))
    }
    var buffer = CellBuffer(width: 30, height: 12)
    LineChart(series: racers, xLabel: "epoch").render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
    let plotText = buffer.lines.prefix(8).joined()
    for number in "123456" { #expect(plotText.contains(number), "racer \(number) unnamed:\n\(buffer.text)") }
    let cells = LineChart.endNumberCells([(x: 5, y: 2, numbered: true), (x: 5, y: 2, numbered: true), (x: 5, y: 0, numbered: true),
                                          (x: 5, y: 2, numbered: false), (x: 2, y: 2, numbered: true)], rows: 4)
    #expect(cells.map { [$0.x, $0.y] } == [[5, 2], [5, 3], [5, 0], [5, 2], [2, 2]], "the order of the ends is kept")
    let atTheBottom = LineChart.endNumberCells([(x: 1, y: 3, numbered: true), (x: 1, y: 3, numbered: true), (x: 1, y: 2, numbered: true)], rows: 4)
    #expect(atTheBottom.map(\.y) == [2, 3, 1], "pushed back up from the bottom row")
}
