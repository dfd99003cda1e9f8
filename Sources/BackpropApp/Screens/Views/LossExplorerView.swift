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
        let predictions = LossExplorer.predictions.enumerated().map { index, prediction in
            (name: index == 0 ? "A" : "B", values: prediction)
        }
        func probabilities(_ prediction: (name: String, values: [Float])) -> String {
            prediction.name + " " + prediction.values.map { String(format: "%.2f", $0) }.joined(separator: " ")
        }
        func cells(_ kind: LossKind, _ prediction: [Float]) -> String {
            let evaluation = LossExplorer.evaluate(kind, prediction: prediction, trueClass: LossExplorer.trueClass)
            return number(evaluation.loss, Self.lossWidth) + number(evaluation.gradient[LossExplorer.trueClass], Self.gradientWidth)
        }
        // Both predictions side by side when they fit; on a narrow pane (120x40), one table each.
        if Self.tableWidth(predictions: predictions.count) <= area.width - 1 {
            line("true class \(LossExplorer.trueClass)  " + predictions.map(probabilities).joined(separator: "  "), theme.dimText)
            line(pad("", Self.nameWidth) + predictions.map { number("loss " + $0.name, Self.lossWidth) + number("∂L/∂z₀", Self.gradientWidth) }.joined(), theme.dimText)
            for kind in LossExplorer.kinds {
                line(pad(kind.rawValue, Self.nameWidth) + predictions.map { cells(kind, $0.values) }.joined(), theme.text)
            }
        } else {
            for prediction in predictions {
                line(probabilities(prediction) + " · true class \(LossExplorer.trueClass)", theme.dimText)
                line(pad("", Self.nameWidth) + number("loss " + prediction.name, Self.lossWidth) + number("∂L/∂z₀", Self.gradientWidth), theme.dimText)
                for kind in LossExplorer.kinds { line(pad(kind.rawValue, Self.nameWidth) + cells(kind, prediction.values), theme.text) }
            }
        }
        let p = Float(percent) / 100
        let point = LossExplorer.curvePoint(probability: p)
        line("true class at p = " + String(format: "%.2f", p) + ":", theme.accent)
        line(pad("", Self.pairingWidth) + number("loss", Self.lossWidth) + number("|∂L/∂z|", Self.gradientWidth), theme.dimText)
        line(pad("CE on softmax", Self.pairingWidth) + number(point.crossEntropyLoss, Self.lossWidth) + number(point.crossEntropyGradient, Self.gradientWidth),
             theme.trainSeries)
        line(pad("MSE on sigmoid", Self.pairingWidth) + number(point.squaredErrorLoss, Self.lossWidth) + number(point.squaredErrorGradient, Self.gradientWidth),
             theme.testSeries)
        guard area.maxY - row >= 4 else { return }
        let charts = Rect(x: area.x, y: row, width: area.width, height: area.maxY - row).split(.horizontal, [.fill(1), .fill(1)])
        drawChart("loss vs p", value: { ($0.crossEntropyLoss, $0.squaredErrorLoss) }, in: charts[0], buffer: &buffer, theme: theme)
        drawChart("|∂L/∂z| vs p", value: { ($0.crossEntropyGradient, $0.squaredErrorGradient) }, in: charts[1], buffer: &buffer, theme: theme)
    }

    /// One chart over p = 1 … 99 (percent, the x axis's labels) with both pairings and a vertical mark at the current p.
    private func drawChart(_ title: String, value: (LossExplorer.CurvePoint) -> (Float, Float), in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        buffer.writeFitted(title, x: area.x + 1, y: area.y, style: theme.dimText, clip: area)
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

    /// Columns of the loss names, the losses and the gradients (numbers are `-0.5333`).
    static let nameWidth = 13
    static let lossWidth = 8
    static let gradientWidth = 10
    /// Columns of the pairings' names (`MSE on sigmoid`).
    static let pairingWidth = 16

    /// Columns the table of both predictions side by side takes.
    static func tableWidth(predictions: Int) -> Int {
        nameWidth + predictions * (lossWidth + gradientWidth)
    }

    private func number(_ value: Float, _ width: Int) -> String {
        number(String(format: "%.4f", value), width)
    }

    private func number(_ text: String, _ width: Int) -> String {
        pad(text, width, right: true)
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
