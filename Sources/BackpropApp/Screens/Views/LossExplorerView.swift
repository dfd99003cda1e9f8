import BackpropEngine
import BackpropWidgets
import Foundation

/// The loss-functions lesson's view: four losses of two predictions with their gradients,
/// then cross-entropy on a softmax against MSE on a sigmoid as the true class's probability
/// `percent` moves, in numbers and as curves of loss and |gradient|.
struct LossExplorerView {
    let percent: Int

    static func render(percent: Int, title: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        LossExplorerView(percent: percent).render(in: inside, buffer: &buffer, theme: theme)
    }

    func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        var row = area.y
        func line(_ text: String, _ style: Style) {
            guard row < area.maxY else { return }
            buffer.write(text, x: area.x + 1, y: row, style: style, clip: area)
            row += 1
        }
        let predictions = LossExplorer.predictions
        line("true class \(LossExplorer.trueClass)  " + predictions.enumerated().map { index, prediction in
            "\(index == 0 ? "A" : "B") " + prediction.map { String(format: "%.2f", $0) }.joined(separator: " ")
        }.joined(separator: "  "), theme.dimText)
        line(pad("", 14) + "loss A    ∂L/∂z₀  loss B    ∂L/∂z₀", theme.dimText)
        for kind in LossExplorer.kinds {
            let cells = predictions.map { LossExplorer.evaluate(kind, prediction: $0, trueClass: LossExplorer.trueClass) }
            line(pad(kind.rawValue, 13) + cells.map { number($0.loss, 8) + number($0.gradient[LossExplorer.trueClass], 10) }.joined(), theme.text)
        }
        let p = Float(percent) / 100
        let point = LossExplorer.curvePoint(probability: p)
        line("true class at p = " + String(format: "%.2f", p) + ":", theme.accent)
        line("CE on softmax   loss" + number(point.crossEntropyLoss, 8) + "  |∂L/∂z|" + number(point.crossEntropyGradient, 8), theme.trainSeries)
        line("MSE on sigmoid  loss" + number(point.squaredErrorLoss, 8) + "  |∂L/∂z|" + number(point.squaredErrorGradient, 8), theme.testSeries)
        guard area.maxY - row >= 4 else { return }
        let charts = Rect(x: area.x, y: row, width: area.width, height: area.maxY - row).split(.horizontal, [.fill(1), .fill(1)])
        drawChart("loss vs p", value: { ($0.crossEntropyLoss, $0.squaredErrorLoss) }, in: charts[0], buffer: &buffer, theme: theme)
        drawChart("|∂L/∂z| vs p", value: { ($0.crossEntropyGradient, $0.squaredErrorGradient) }, in: charts[1], buffer: &buffer, theme: theme)
    }

    /// One chart over p = 1 … 99 (percent, the x axis's labels) with both pairings and a vertical mark at the current p.
    private func drawChart(_ title: String, value: (LossExplorer.CurvePoint) -> (Float, Float), in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        buffer.write(title, x: area.x + 1, y: area.y, style: theme.dimText, clip: area)
        let percents = Array(LossExplorer.probabilityPercents)
        let values = LossExplorer.curve.map(value)
        let crossEntropy = zip(percents, values).map { SeriesPoint(step: $0, value: Double($1.0)) }
        let squaredError = zip(percents, values).map { SeriesPoint(step: $0, value: Double($1.1)) }
        let top = values.map { max($0.0, $0.1) }.max() ?? 1
        let mark = [SeriesPoint(step: percent, value: 0), SeriesPoint(step: percent, value: Double(top))]
        LineChart(series: [ChartSeries(name: "CE", points: crossEntropy, role: .train),
                           ChartSeries(name: "MSE", points: squaredError, role: .test),
                           ChartSeries(name: "p", points: mark, role: .accent)],
                  yRange: 0...Double(top))
            .render(in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), buffer: &buffer, theme: theme)
    }

    private func number(_ value: Float, _ width: Int) -> String {
        pad(String(format: "%.4f", value), width, right: true)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
