import BackpropEngine
import BackpropWidgets

/// The learning-rate schedule as a knob: offered by lessons' labs only, so the Playground's
/// long knob column stays as it is.
extension PlaygroundKnobs {
    /// The schedules a lab's knob steps through, as `--set schedule=` values.
    static let schedules: [LearningRateSchedule] = [.constant, .stepDecay(every: 400, gamma: 0.5), .cosine, .oneCycle]

    /// Knobs that only a lesson's lab shows.
    static func lessonKnobs(for configuration: RunConfiguration) -> [Knob] {
        let current = scheduleName(configuration.schedule)
        var options = schedules.map(scheduleName)
        if !options.contains(current) { options.append(current) }
        return [Knob(id: "schedule", label: "LR schedule", setting: .choice(options: options, selected: options.firstIndex(of: current) ?? 0))]
    }

    /// A schedule as the `schedule` setting writes it, so the knob's value applies as is.
    static func scheduleName(_ schedule: LearningRateSchedule) -> String {
        switch schedule {
        case .constant: "constant"
        case .stepDecay(let every, let gamma): "step:\(every):\(CompactNumber.format(Double(gamma)))"
        case .cosine: "cosine"
        case .oneCycle: "onecycle"
        case .warmup(let steps): "warmup:\(steps)"
        case .warmupCosine(let steps): "warmup-cosine:\(steps)"
        }
    }
}
