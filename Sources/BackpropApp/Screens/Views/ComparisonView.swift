import BackpropWidgets

extension AttentionViews {
    /// The run's validation loss with the comparison model's over it, and each one's share of
    /// whole sequences right.
    static func comparison(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        func percent(_ value: Float?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
        var scores = ["sequences right · attention \(percent(snapshot.testSequenceAccuracy))",
                      "right: attention \(percent(snapshot.testSequenceAccuracy))"]
        var series = [ChartSeries(name: "attention", points: snapshot.testLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }, role: .test)]
        var status = "Enter: train an LSTM on the same data"
        if let comparison = snapshot.comparison {
            // Both shares in every form, the shortest for a narrow pane: never the LSTM's cut off.
            scores = scores.map { $0 + " · \(comparison.name) \(percent(comparison.sequenceAccuracy))" }
                + ["attn \(percent(snapshot.testSequenceAccuracy)) · LSTM \(percent(comparison.sequenceAccuracy))"]
            series.append(ChartSeries(name: comparison.name, points: comparison.validationLoss.map { SeriesPoint(step: $0.step, value: $0.value) },
                                      role: .accent))
            status = comparison.isFinished ? "\(comparison.name): \(comparison.totalEpochs) epochs done · Enter: again"
                : "\(comparison.name): epoch \(comparison.epochsDone + 1) of \(comparison.totalEpochs) · the transformer waits"
        }
        let inside = Panel(title: "Validation loss: attention vs LSTM" + suffix).render(in: area, buffer: &buffer, theme: theme)
        buffer.writeFitted(TextFit.first(of: scores, width: inside.width), x: inside.x, y: inside.y, style: theme.text, clip: inside)
        buffer.writeFitted(status, x: inside.x, y: inside.y + 1, style: theme.dimText, clip: inside)
        LineChart(series: series, scale: .logarithmic, xLabel: "step")
            .render(in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2), buffer: &buffer, theme: theme)
    }
}
