import BackpropEngine

/// The learning-rate schedule as a knob's values: a lab's `LabKnobs` offers it, the
/// Playground's long knob column does not.
extension PlaygroundKnobs {
    /// The schedules a lab's knob steps through, as `--set schedule=` values.
    static let schedules: [LearningRateSchedule] = [.constant, .stepDecay(every: 400, gamma: 0.5), .cosine, .oneCycle]

    /// A schedule as the `schedule` setting writes it, so the knob's value applies as is and
    /// a saved model's settings (`RunConfiguration.assignments`) read back exactly.
    static func scheduleName(_ schedule: LearningRateSchedule) -> String {
        switch schedule {
        case .constant: "constant"
        case .stepDecay(let every, let gamma): "step:\(every):\(gamma)"
        case .cosine: "cosine"
        case .oneCycle: "onecycle"
        case .warmup(let steps): "warmup:\(steps)"
        case .warmupCosine(let steps): "warmup-cosine:\(steps)"
        }
    }
}
