import BackpropEngine
import BackpropWidgets

/// The learning rate over the whole run, as the engine's `LearningRateSchedule` gives it
/// for this run's length, with the current step marked.
enum ScheduleView {
    static let samples = 200

    static func render(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let configuration = snapshot.configuration
        let name = PlaygroundKnobs.scheduleName(configuration.schedule)
        let title = "LR schedule: \(name) · lr now \(CompactNumber.format(Double(snapshot.learningRate)))" + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let total = snapshot.experiments.totalSteps
        guard total > 0 else { return }
        XYPlot(curves: [XYPlot.Curve(name: "lr", points: curve(configuration.schedule, base: configuration.optimizerSettings.learningRate, totalSteps: total), role: .train)],
               xRange: 0...Double(total), yRange: 0...Double(configuration.optimizerSettings.learningRate) * 1.05,
               markers: [XYPlot.Marker(x: Double(min(snapshot.step, total)), label: "now")], xLabel: "step")
            .render(in: inside, buffer: &buffer, theme: theme)
    }

    /// The rate at up to `samples` steps spread over the run, and at the last step.
    static func curve(_ schedule: LearningRateSchedule, base: Float, totalSteps: Int) -> [(x: Double, y: Double)] {
        let stride = max(1, totalSteps / samples)
        let steps = Array(Swift.stride(from: 0, to: totalSteps, by: stride)) + [totalSteps - 1]
        return steps.map { (Double($0), Double(schedule.learningRate(base: base, step: $0, totalSteps: totalSteps))) }
    }
}
