import Foundation
import Testing
@testable import BackpropWidgets

@Suite struct XYPlotTests {
    @Test func aRampWithItsZeroLineAndRangeLabels() {
        let ramp = XYPlot.Curve(name: "f", points: [(-1, -1), (1, 1)], role: .train)
        var buffer = CellBuffer(width: 12, height: 4)
        XYPlot(curves: [ramp], xRange: -1...1).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines == [
            " 1┤      ⣀⠔⠊",
            "  │⠄ ⠄⡠⠔⠊⠄ ⠄",
            "-1┤⡠⠔⠉",
            "   -1      1",
        ])
    }

    @Test func aLogarithmicAxisPlacesEachPowerOfTenEquallyAndMarksAValue() {
        let points = [0.001, 0.01, 0.1, 1].map { (x: $0, y: 1.0) }
        let curve = XYPlot.Curve(name: "loss", points: points, role: .train)
        var buffer = CellBuffer(width: 20, height: 4)
        XYPlot(curves: [curve], xScale: .logarithmic, xRange: 0.001...1, yRange: 0...2,
               markers: [XYPlot.Marker(x: 0.01, label: "lr")], xLabel: "lr").render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("2┤") && buffer.lines[0].contains("lr"))
        #expect(buffer.lines[1].contains("⠤⠤⠤⠤⠤⠤"), "the flat loss crosses the middle row")
        #expect(buffer.lines[3].hasPrefix("  0.001") && buffer.lines[3].hasSuffix("1"))
        let markerColumn = buffer.lines[0].distance(from: buffer.lines[0].startIndex, to: buffer.lines[0].firstRange(of: "lr")!.lowerBound)
        #expect(markerColumn == 2 + 6, "0.01 is a third of the way from 0.001 to 1 on a log axis")
    }
}

@Suite struct ContourMapTests {
    @Test func contourLinesRingTheMinimumAndPathsEndInTheirLetter() {
        let (columns, rows) = (21, 7)
        var values: [Double] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let p = ContourMap.cellCentre(column: column, row: row, columns: columns, rows: rows, xRange: -1...1, yRange: -1...1)
                values.append(p.x * p.x + p.y * p.y)
            }
        }
        let path = ContourMap.Path(marker: "S", points: [(-0.9, 0.9), (-0.5, 0.5), (-0.1, 0.1)], role: .train)
        let map = ContourMap(columns: columns, rows: rows, values: values, xRange: -1...1, yRange: -1...1, paths: [path], target: (0, 0))
        var buffer = CellBuffer(width: columns, height: rows)
        map.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[3].contains("+") || buffer.lines[3].contains("S"), "the minimum is in the middle row")
        #expect(buffer.text.contains("S"))
        #expect(buffer.text.contains("·"), "contour lines are drawn")
        #expect(buffer.lines[0].contains(where: { ("\u{2800}"..."\u{28FF}").contains($0) }), "the path starts at the top left in braille")
    }
}

@Suite struct FlowLegendTests {
    @Test func entriesWrapWhenTheRowIsFull() {
        let legend = FlowLegend(entries: ["S sgd 4.1", "M momentum 9.6e-5", "N nesterov 0.001"].map { ($0, Style.plain) })
        #expect(legend.rows(width: 50) == 1)
        #expect(legend.rows(width: 30) == 2)
        var buffer = CellBuffer(width: 30, height: 2)
        legend.render(in: buffer.bounds, buffer: &buffer)
        #expect(buffer.lines == ["S sgd 4.1  M momentum 9.6e-5", "N nesterov 0.001"])
    }
}

extension XYPlotTests {
    /// The y axis is labelled at the ticks the caller asks for, so a peak of 1/4 sits on a
    /// labelled row; a fitted range is widened to round ends (0…1, not 0.018…0.98).
    @Test func roundEndsAndTheTicksAsked() {
        #expect(AxisTicks.rounded(low: 0.018, high: 0.98, intervals: XYPlot.fittedIntervals) == (0, 1))
        #expect(AxisTicks.linear(low: -1, high: 1, intervals: 4) == [-0.5, 0, 0.5])
        let bump = (0...40).map { index -> (x: Double, y: Double) in
            let x = Double(index) / 5 - 4
            return (x, 0.02 + 0.23 * exp(-x * x))
        }
        let plot = XYPlot(curves: [XYPlot.Curve(name: "f'", points: bump, role: .train)], xRange: -4...4, yRange: 0...1, xLabel: "x",
                          yTicks: [0.25, 0.5, 0.75])
        var buffer = CellBuffer(width: 30, height: 10)
        plot.render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.text == """
           1┤
            │
        0.75┤
            │
         0.5┤
            │
        0.25┤           ⣀⠤⣀
            │         ⡠⠔⠁  ⠣⣀
           0┤⠤⠤⠤⠤⠤⠤⠤⠤⠊       ⠑⠤⠤⠤⠤⠤⠤⠤⠤
             -4          x           4
        """)
    }
}
