/// When a view's capture on the trainer thread is due again. A change the learner makes
/// (a view's control, the views shown) shows at once; new weights show at once while
/// paused (each step is looked at), and at most every `interval` seconds while training,
/// where the trainer publishes about 33 times a second. Unchanged weights and settings are
/// never captured twice.
struct CaptureSchedule {
    let interval: Double
    private var last: (step: Int, settings: [String: Int], time: Double)?

    init(interval: Double) { self.interval = interval }

    /// Whether to capture now for the trainer at `step` and the view's `settings`; when it
    /// says yes, it counts that capture as done. `force` captures regardless.
    mutating func isDue(step: Int, settings: [String: Int] = [:], training: Bool, now: Double, force: Bool = false) -> Bool {
        let due: Bool
        if let last, !force {
            due = last.settings != settings || (last.step != step && (!training || now - last.time >= interval))
        } else {
            due = true
        }
        if due { last = (step, settings, now) }
        return due
    }

    /// Forgets the last capture (a new model): the next call is due.
    mutating func reset() { last = nil }
}
