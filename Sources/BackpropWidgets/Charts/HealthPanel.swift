import Foundation

/// Training health per layer, after Karpathy's makemore part 3: one row per layer with its
/// activation histogram and saturation, its gradient histogram, grad:data and the latest
/// log10 update:data, above a chart of log10 update:data over steps with a line at the
/// rule-of-thumb level. Histograms widen with the area; when the area is too low for the
/// chart, the table keeps every row it can and says how to get the chart back.
public struct HealthPanel: Sendable {
    /// One layer's figures.
    public struct Layer: Sendable, Equatable {
        public var name: String
        /// Activation histogram counts (empty when no activation follows the layer).
        public var activation: [Double]
        /// Share of activations in the flat part of the nonlinearity, 0…1.
        public var saturation: Double?
        public var gradient: [Double]
        public var gradientToData: Double
        public var log10UpdateToData: Double?
        /// log10 update:data over steps.
        public var updateHistory: [SeriesPoint]

        public init(name: String, activation: [Double], saturation: Double?, gradient: [Double], gradientToData: Double,
                    log10UpdateToData: Double?, updateHistory: [SeriesPoint] = []) {
            self.name = name
            self.activation = activation
            self.saturation = saturation
            self.gradient = gradient
            self.gradientToData = gradientToData
            self.log10UpdateToData = log10UpdateToData
            self.updateHistory = updateHistory
        }
    }

    public var layers: [Layer]
    /// The level marked across the chart (log10 update:data of about −3 is healthy).
    public var referenceLevel: Double
    /// Saturation above this share is drawn as a warning.
    public var saturationWarning: Double
    /// Shown when there are no layers yet (before the first step).
    public var placeholder: String

    public init(layers: [Layer], referenceLevel: Double = -3, saturationWarning: Double = 0.1, placeholder: String = "") {
        self.layers = layers
        self.referenceLevel = referenceLevel
        self.saturationWarning = saturationWarning
        self.placeholder = placeholder
    }

    /// Rows the chart needs at least (three of plot and one of axis).
    static let minimumChartHeight = 4

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        guard !layers.isEmpty else {
            buffer.writeWrapped(placeholder, in: area, style: theme.dimText)
            return
        }
        let tableHeight = 1 + layers.count
        let chartHeight = area.height - tableHeight - 1
        if chartHeight >= Self.minimumChartHeight {
            renderTable(in: Rect(x: area.x, y: area.y, width: area.width, height: tableHeight), buffer: &buffer, theme: theme)
            let chartArea = Rect(x: area.x, y: area.y + tableHeight + 1, width: area.width, height: area.maxY - area.y - tableHeight - 1)
            buffer.write(chartCaption(width: area.width), x: area.x, y: area.y + tableHeight, style: theme.dimText, clip: area)
            chart.render(in: chartArea, buffer: &buffer, theme: theme)
        } else {
            let fits = area.height - 1 >= layers.count
            renderTable(in: fits ? area : Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1), buffer: &buffer, theme: theme)
            let note = fits ? (area.height > tableHeight ? "a taller pane shows the update:data chart" : nil)
                : "+\(layers.count - max(0, area.height - 2)) layers more; taller shows all"
            if let note { buffer.write(note, x: area.x, y: area.maxY - 1, style: theme.dimText, clip: area) }
        }
    }

    /// The chart of every layer's history, its range fitted to the data around the reference
    /// but kept to −8…1 so a layer whose weights are all zero does not flatten the others.
    var chart: LineChart {
        let series = layers.enumerated().map { index, layer in
            ChartSeries(name: "L\(index + 1)", points: layer.updateHistory, role: .palette(index))
        }
        let values = layers.flatMap { $0.updateHistory.map(\.value) }.filter(\.isFinite) + [referenceLevel]
        let low = max(-8, (values.min() ?? referenceLevel).rounded(.down) - 1)
        let high = min(1, (values.max() ?? referenceLevel).rounded(.up) + 1)
        var chart = LineChart(series: series, xLabel: "step", referenceLine: referenceLevel, yRange: low...max(high, low + 1))
        // Layers measured but nothing plotted: every update was lost or every weight is 0
        // (no size to compare an update with), which is the lesson, not missing data.
        if !layers.isEmpty && layers.allSatisfy({ $0.updateHistory.isEmpty && $0.gradient.contains { $0 > 0 } }) {
            chart.emptyMessages = ["no ratio to plot: the weights are all 0 or their updates are lost",
                                   "no ratio: weights 0 or updates lost", "weights 0 or updates lost"]
        }
        return chart
    }

    /// The table's columns at one width: their titles and widths (name, activation bars,
    /// saturation, gradient bars, grad:data, log u:d). The number columns keep the width of
    /// their longest value (`100%`, `0.00499`, `-3.2`) at every size; the histograms take
    /// what is left, and on a narrow pane the long titles give way to short ones.
    struct Columns: Equatable {
        var titles: [String]
        var widths: [Int]
    }

    static let wideTitles = ["layer", "activations", "sat", "gradients", "grad:data", "log u:d"]
    static let narrowTitles = ["layer", "act", "sat", "grad", "g:d", "log u:d"]
    /// The widest saturation (`100%`), grad:data (`0.00499`, `1.2e-5`) and log u:d (`-10.2`).
    static let numberWidths = [4, 7, 5]
    /// The name column's least width: the layer's colour mark and `2→8`.
    static let minimumName = 5
    /// Columns from a histogram's title on, below which the short titles are used.
    static let wideBars = 11

    static func columns(width: Int) -> Columns {
        let gaps = 5
        var name = min(18, max(minimumName, width / 5))
        func bars(_ numbers: [Int]) -> Int { max(3, (width - name - numbers.reduce(0, +) - gaps) / 2) }
        let wideNumbers = zip(numberWidths, [wideTitles[2], wideTitles[4], wideTitles[5]]).map { max($0, $1.count) }
        let wide = bars(wideNumbers) >= wideBars
        let numbers = wide ? wideNumbers : zip(numberWidths, [narrowTitles[2], narrowTitles[4], narrowTitles[5]]).map { max($0, $1.count) }
        // The names give way before the histograms drop below their short titles (`grad`).
        let narrowBars = narrowTitles[3].count
        if !wide && bars(numbers) < narrowBars { name = max(minimumName, name - 2 * (narrowBars - bars(numbers))) }
        let bar = bars(numbers)
        return Columns(titles: wide ? wideTitles : narrowTitles, widths: [name, bar, numbers[0], bar, numbers[1], numbers[2]])
    }

    /// The line between the table and the chart: what the chart shows and, when the table
    /// uses the short titles, what `g:d` stands for.
    func chartCaption(width: Int) -> String {
        let reference = CompactNumber.format(referenceLevel)
        guard Self.columns(width: width).titles == Self.narrowTitles else {
            return TextFit.first(of: ["log10 update:data per layer, ┄ at \(reference)", "log10 update:data, ┄ at \(reference)"], width: width)
        }
        return TextFit.first(of: ["log10 update:data per layer, ┄ at \(reference) · g:d = grad:data",
                                  "log10 update:data, ┄ at \(reference) · g:d = grad:data",
                                  "g:d = grad:data · chart: log u:d, ┄ \(reference)", "g:d grad:data · chart log u:d ┄ \(reference)"], width: width)
    }

    private func renderTable(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let columns = Self.columns(width: area.width)
        let widths = columns.widths
        var x = area.x
        let xs: [Int] = widths.map { width in defer { x += width + 1 }; return x }
        for (index, title) in columns.titles.enumerated() {
            let cell = Rect(x: xs[index], y: area.y, width: widths[index], height: 1).intersection(area)
            let alignment: Table.Column.Alignment = [2, 4, 5].contains(index) ? .right : .left
            buffer.write(TextFit.padded(title, width: widths[index], alignment: alignment), x: xs[index], y: area.y, style: theme.accent, clip: cell)
        }
        for (index, layer) in layers.enumerated() {
            let y = area.y + 1 + index
            guard y < area.maxY else { break }
            func cell(_ column: Int) -> Rect { Rect(x: xs[column], y: y, width: widths[column], height: 1).intersection(area) }
            let marker = ChartSeries(name: "", points: [], role: .palette(index)).style(in: theme)
            // The same mark as the layer's line in the chart beside it (a number in monochrome).
            let mark = ChartSeries.mark(at: index, of: layers.count, in: theme)
            buffer.write(mark.number.map(String.init) ?? mark.glyph, x: xs[0], y: y, style: marker, clip: cell(0))
            // A name that does not fit keeps its first word (`2→8` of `2→8 tanh`), not a cut one.
            let name = layer.name.count <= widths[0] - 2 ? layer.name : String(layer.name.prefix { $0 != " " })
            buffer.write(TextFit.padded(name, width: widths[0] - 2, alignment: .left), x: xs[0] + 2, y: y, style: theme.text, clip: cell(0))
            if layer.activation.isEmpty {
                buffer.write("–", x: xs[1], y: y, style: theme.dimText, clip: cell(1))
            } else {
                Histogram(counts: layer.activation, style: theme.trainSeries).render(in: cell(1), buffer: &buffer, theme: theme)
            }
            let saturation = layer.saturation.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
            let saturated = (layer.saturation ?? 0) > saturationWarning
            buffer.write(TextFit.padded(saturation, width: widths[2], alignment: .right), x: xs[2], y: y,
                         style: saturated ? theme.warning : theme.text, clip: cell(2))
            Histogram(counts: layer.gradient, style: theme.testSeries).render(in: cell(3), buffer: &buffer, theme: theme)
            buffer.write(TextFit.padded(CompactNumber.format(layer.gradientToData), width: widths[4], alignment: .right), x: xs[4], y: y,
                         style: theme.text, clip: cell(4))
            // -infinity: the step was computed but rounded away against the weights (float32).
            let ratio = layer.log10UpdateToData.map { $0 == -.infinity ? "lost" : String(format: "%.1f", $0) } ?? "–"
            let off = layer.log10UpdateToData.map { abs($0 - referenceLevel) > 1 } ?? false
            buffer.write(TextFit.padded(ratio, width: widths[5], alignment: .right), x: xs[5], y: y,
                         style: off ? theme.warning : theme.text, clip: cell(5))
        }
    }
}
