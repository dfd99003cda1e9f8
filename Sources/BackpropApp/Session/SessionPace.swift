import BackpropLessons

extension Pace {
    /// Training steps (batches) per second at this pace; nil at `full`, as fast as the
    /// machine goes. Steps, not epochs: a Playground epoch is 25 quick steps, a Fashion-MNIST
    /// epoch hundreds of slow ones, and the learner follows steps either way. A model too
    /// large to reach the cap trains at its own speed.
    public var stepsPerSecond: Double? {
        switch self {
        case .slow: 3
        case .watch: 20
        case .fast: 100
        case .full: nil
        }
    }
}

/// Keeps a live run at its pace on the trainer thread: when the next training step may
/// start. A pause, or a step slower than the pace, never banks more than one publication
/// interval of steps, so resuming does not burst.
struct SessionPace {
    var pace: Pace
    private var nextStepAt = 0.0

    init(_ pace: Pace) { self.pace = pace }

    /// Seconds to wait before the next step may start (0 when it may start now).
    func delayBeforeNextStep(now: Double) -> Double {
        pace.stepsPerSecond == nil ? 0 : max(0, nextStepAt - now)
    }

    mutating func tookStep(now: Double) {
        guard let rate = pace.stepsPerSecond else { return }
        nextStepAt = max(nextStepAt, now - TrainingSession.publishInterval) + 1 / rate
    }
}
