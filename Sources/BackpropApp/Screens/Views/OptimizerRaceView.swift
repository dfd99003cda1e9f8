import BackpropEngine
import BackpropWidgets

/// Every optimizer trained on the lab's network from the same seed, their train losses per
/// epoch overlaid, each one named with its latest loss in the legend. Enter starts the race.
enum OptimizerRaceView {
    static func render(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let experiments = snapshot.experiments
        // The rate of the race on screen; before a race, the rate Enter would race at.
        let knobRate = snapshot.configuration.optimizerSettings.learningRate
        let racedRate = experiments.raceCurves.isEmpty ? knobRate : experiments.raceLearningRate
        let rate = CompactNumber.format(Double(racedRate))
        let title = Panel.fittedTitle(["Optimizer race · this network · lr \(rate)", "Optimizer race · lr \(rate)", "Race · lr \(rate)"], suffix: suffix, in: area)
        var inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        if racedRate != knobRate, !experiments.raceCurves.isEmpty, inside.height > 4 {
            // The knob moved after this race: say the curves are the old rate's, and how to race the new one.
            let stale = "raced at lr \(rate); the knob is now \(CompactNumber.format(Double(knobRate))): Enter races again"
            buffer.writeFitted(stale, x: inside.x, y: inside.y, style: theme.warning, clip: inside)
            inside = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
        }
        guard !experiments.raceCurves.isEmpty else {
            let text = experiments.raceRefusal.map { "The race cannot start: \($0)" }
                ?? ("Tab to the views, then Enter: the trainer trains this network once per optimizer, "
                    + "every run from the same seed and the same starting weights.")
            let lines = WordWrap.lines(of: text, width: max(inside.width, 10))
            for (row, line) in lines.prefix(inside.height).enumerated() {
                buffer.write(line, x: inside.x, y: inside.y + row, style: theme.dimText, clip: inside)
            }
            return
        }
        // Each racer's latest loss goes into its legend entry, which the chart wraps onto rows
        // of its own when the axis row is too short, so every racer is named.
        let series = experiments.raceCurves.enumerated().map { index, curve in
            let last = curve.hasDiverged ? "diverged" : curve.losses.last.map { CompactNumber.format($0.value) } ?? "…"
            return ChartSeries(name: "\(curve.kind.rawValue) \(last)", points: curve.losses, role: .palette(index))
        }
        LineChart(series: series, scale: .logarithmic, xLabel: "epoch").render(in: inside, buffer: &buffer, theme: theme)
    }
}
