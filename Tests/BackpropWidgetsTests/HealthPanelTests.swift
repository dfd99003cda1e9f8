import Testing
@testable import BackpropWidgets

@Suite struct HealthPanelTests {
    static func layers(_ count: Int) -> [HealthPanel.Layer] {
        (0..<count).map { index in
            HealthPanel.Layer(
                name: "8→8 tanh", activation: [4, 1, 0, 1, 4], saturation: index == 0 ? 0.5 : 0.02,
                gradient: [0, 1, 6, 1, 0], gradientToData: 0.01, log10UpdateToData: index == 0 ? -1.2 : -3.1,
                updateHistory: (0...10).map { SeriesPoint(step: $0, value: index == 0 ? -1.2 : -3.0 - Double($0) * 0.02) })
        }
    }

    @Test func tableAboveTheChartWithTheReferenceLine() {
        var buffer = CellBuffer(width: 60, height: 10)
        HealthPanel(layers: Self.layers(2)).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        print(buffer.text)
        let lines = buffer.lines
        #expect(lines[0].hasPrefix("layer") && lines[0].contains("sat") && lines[0].contains("grad:data") && lines[0].contains("log u:d"))
        #expect(lines[1].contains("━ 8→8 tanh") && lines[1].contains("50%") && lines[1].contains("-1.2"))
        #expect(lines[2].contains("2%") && lines[2].contains("-3.1") && lines[2].contains("0.01"))
        #expect(lines[3].contains("log10 update:data per layer"))
        #expect(lines.contains { $0.contains("-3┤") }, "the reference level is labelled on the axis")
        #expect(lines[9].contains("L1") || lines[9].contains("step"))
    }

    /// After steps with nothing to plot (all-zero weights, lost updates), the chart says why
    /// instead of "no data yet"; before any step it still says "no data yet".
    @Test func anEmptyChartAfterStepsSaysWhy() {
        var measured = Self.layers(2)
        for index in measured.indices { measured[index].updateHistory = [] }
        #expect(HealthPanel(layers: measured).chart.emptyMessages.first?.contains("updates are lost") == true)
        var unmeasured = measured
        for index in unmeasured.indices { unmeasured[index].gradient = [0, 0, 0] }
        #expect(HealthPanel(layers: unmeasured).chart.emptyMessages == ["no data yet"])
    }

    @Test func warningsMarkSaturationAndRatiosFarFromTheReference() {
        var buffer = CellBuffer(width: 60, height: 10)
        let theme = Theme.dark256
        HealthPanel(layers: Self.layers(2)).render(in: buffer.bounds, buffer: &buffer, theme: theme)
        let saturated = buffer.lines[1].range(of: "50%")!
        let column = buffer.lines[1].distance(from: buffer.lines[1].startIndex, to: saturated.lowerBound)
        #expect(buffer[column, 1].style == theme.warning)
        let fine = buffer.lines[2].distance(from: buffer.lines[2].startIndex, to: buffer.lines[2].range(of: "2%")!.lowerBound)
        #expect(buffer[fine, 2].style == theme.text)
    }

    /// At 120x40 the health pane is about 46 columns: names keep their first word whole.
    @Test func aNameTooLongForItsColumnKeepsItsFirstWordWhole() {
        var buffer = CellBuffer(width: 46, height: 8)
        HealthPanel(layers: Self.layers(2)).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[1].hasPrefix("━ 8→8 "), "\(buffer.lines[1])")
        #expect(!buffer.lines[1].contains("…"))
    }

    @Test func tooLowForTheChartKeepsTheTableAndSaysSo() {
        var buffer = CellBuffer(width: 50, height: 6)
        HealthPanel(layers: Self.layers(3)).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        print(buffer.text)
        #expect(buffer.lines[3].contains("8→8"))
        #expect(buffer.lines[5].contains("a taller pane shows the update:data chart"))

        var short = CellBuffer(width: 50, height: 4)
        HealthPanel(layers: Self.layers(5)).render(in: short.bounds, buffer: &short, theme: .monochrome)
        #expect(short.lines[3].contains("+3 layers more"))
    }

    @Test func placeholderBeforeTheFirstStep() {
        var buffer = CellBuffer(width: 30, height: 3)
        HealthPanel(layers: [], placeholder: "after the first step").render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("after the first step"))
    }

    @Test func chartRangeIsKeptNearTheReference() {
        var layers = Self.layers(1)
        layers[0].updateHistory = [SeriesPoint(step: 0, value: 25), SeriesPoint(step: 1, value: -3)]
        let range = HealthPanel(layers: layers).chart.yRange
        #expect(range == -8...1 || range?.upperBound == 1)
        #expect(HealthPanel(layers: Self.layers(1)).chart.referenceLine == -3)
    }

    @Test func paletteSeriesCycleTheClassColours() {
        let theme = Theme.dark256
        let style = ChartSeries(name: "L9", points: [], role: .palette(theme.classColors.count + 1)).style(in: theme)
        #expect(style.foreground == theme.classColors[1])
    }
}

extension HealthPanelTests {
    /// At 120x40 a lesson's view pane is 36 columns inside: every column stays, with short
    /// titles that the caption explains.
    @Test func everyColumnFitsThirtySixColumns() {
        var buffer = CellBuffer(width: 36, height: 14)
        HealthPanel(layers: Self.layers(2)).render(in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(Array(buffer.lines.prefix(4)) == [
            "layer act   sat grad     g:d log u:d",
            "━ 8→8 ▆▂ █  50%  ▁█▁    0.01    -1.2",
            "┅ 8→8 ▆▂ █   2%  ▁█▁    0.01    -3.1",
            "g:d grad:data · chart log u:d ┄ -3",
        ])
        #expect(buffer.lines[13].contains("━ L1  ┅ L2"))
    }
}
