import Testing
@testable import BackpropWidgets

/// Every widget must survive any area a resize can produce: empty, one cell,
/// partly outside the buffer.
@Suite struct TinyAreaTests {
    static let areas: [Rect] = [
        Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 0, y: 0, width: 1, height: 1), Rect(x: 0, y: 0, width: 3, height: 2),
        Rect(x: 2, y: 1, width: 5, height: 3), Rect(x: 4, y: 3, width: 9, height: 9), Rect(x: -2, y: -1, width: 6, height: 4),
    ]

    @Test(arguments: areas, Theme.all.map(\.name))
    func everyWidgetRendersWithoutTrapping(area: Rect, themeName: String) {
        let theme = Theme.named(themeName)!
        var buffer = CellBuffer(width: 8, height: 6)
        let points = (0..<5).map { SeriesPoint(step: $0, value: Double($0 * $0)) }
        let grid = ValueGrid(columns: 3, rows: 2, values: [-1, 0, 1, 2, .nan, -3])
        LineChart(series: [ChartSeries(name: "a", points: points, role: .train), ChartSeries(name: "b", points: [], role: .test)],
                  scale: .logarithmic, xLabel: "step", referenceLine: 2).render(in: area, buffer: &buffer, theme: theme)
        Heatmap(grid: grid, points: [HeatmapPoint(x: 0.5, y: 0.5, classIndex: 7, isTest: true)]).render(in: area, buffer: &buffer, theme: theme)
        Histogram(counts: [0, 3, 1], range: 0...1).render(in: area, buffer: &buffer, theme: theme)
        Sparkline(values: [.nan, 1, 2]).render(in: area, buffer: &buffer, theme: theme)
        Gauge(fraction: .nan, label: "epoch").render(in: area, buffer: &buffer, theme: theme)
        Table(columns: [.init("a"), .init("b", width: 0)], rows: [["x"], ["y", "z", "extra"]], highlightedRow: 5).render(in: area, buffer: &buffer, theme: theme)
        NetworkDiagram(layers: [[.init(output: grid, label: "X1")], [.init(output: nil), .init(output: grid)]],
                       weights: [[[1], [-1]]], selected: NeuronPosition(layer: 0, neuron: 0)).render(in: area, buffer: &buffer, theme: theme)
        KnobPanel(knobs: [Knob(id: "t", label: "toggle", setting: .toggle(isOn: true))], focusedIndex: 0).render(in: area, buffer: &buffer, theme: theme)
        StatusBar(hints: [KeyHint("q", "quit")], status: "epoch 1").render(in: area, buffer: &buffer, theme: theme)
        Panel(title: "title").render(in: area, buffer: &buffer, theme: theme)
        HelpOverlay(sections: [.init("Keys", [KeyHint("q", "quit")])]).render(in: area, buffer: &buffer, theme: theme)
        TerminalTooSmallView().render(in: area, buffer: &buffer, theme: theme)
        ConfusionMatrix(classNames: ["a"], counts: [[1, 2], [3]]).render(in: area, buffer: &buffer, theme: theme)
        #expect(buffer.lines.count == 6)
    }
}
