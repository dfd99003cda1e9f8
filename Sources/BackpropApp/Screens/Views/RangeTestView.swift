import BackpropEngine
import BackpropWidgets

/// The learning-rate range test: smoothed loss against a learning rate that grows tenfold
/// every few steps, on a log axis, with the engine's suggested rate marked.
enum RangeTestView {
    static func render(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let test = snapshot.experiments.rangeTest
        let suggested = test?.suggestedRate.map { CompactNumber.format(Double($0)) }
        let progress = test.map { $0.isFinished ? "" : " · step \($0.losses.count)/\($0.rates.count)" } ?? ""
        let forms = suggested.map { ["LR range test · suggested lr \($0)" + progress, "Range test · suggested lr \($0)" + progress,
                                     "Range test · lr \($0)" + progress, "lr \($0)" + progress] } ?? ["LR range test" + progress, "Range test" + progress]
        let inside = Panel(title: Panel.fittedTitle(forms, suffix: suffix, in: area)).render(in: area, buffer: &buffer, theme: theme)
        let bounds = OptimizerExperiments.rangeTestRates
        guard let test, !test.losses.isEmpty else {
            let text = "Tab to the views, then Enter: a fresh copy of this network trains \(OptimizerExperiments.rangeTestSteps) steps while "
                + "the learning rate grows from \(CompactNumber.format(Double(bounds.lowerBound))) to \(CompactNumber.format(Double(bounds.upperBound)))."
            for (row, line) in WordWrap.lines(of: text, width: max(inside.width, 10)).prefix(inside.height).enumerated() {
                buffer.write(line, x: inside.x, y: inside.y + row, style: theme.dimText, clip: inside)
            }
            return
        }
        let points = zip(test.rates, test.losses).map { (x: Double($0), y: Double($1)) }
        // Past the minimum the loss explodes: cap the axis near the starting loss so the dip stays readable.
        let lowest = Double(test.losses.min() ?? 0), start = Double(test.losses.first ?? 1)
        let markers = test.suggestedRate.map { [XYPlot.Marker(x: Double($0), label: "▼ " + CompactNumber.format(Double($0)))] } ?? []
        XYPlot(curves: [XYPlot.Curve(name: "loss", points: points, role: .train)], xScale: .logarithmic,
               xRange: Double(bounds.lowerBound)...Double(bounds.upperBound), yRange: lowest...max(start * 1.2, lowest * 1.5 + 1e-9),
               markers: markers, xLabel: "learning rate (log)")
            .render(in: inside, buffer: &buffer, theme: theme)
    }
}
