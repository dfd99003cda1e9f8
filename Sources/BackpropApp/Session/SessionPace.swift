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

    /// Generator steps per second of a GAN lab at this pace; nil at `full`. A step of two
    /// small MLPs on 2-D points costs about a millisecond, and the ring forms over a few
    /// thousand of them: at `watch` that is a few seconds to a minute, not a blur.
    public var adversarialStepsPerSecond: Double? {
        switch self {
        case .slow: 30
        case .watch: 250
        case .fast: 1_000
        case .full: nil
        }
    }

    /// The most epochs per second at this pace; nil at `full`. It binds only when an epoch
    /// is a handful of steps (full-batch descent: batch 500 is one step per epoch), where the
    /// step rate alone would run 60 epochs in under a second at `fast`.
    public var epochsPerSecond: Double? {
        switch self {
        case .slow: 0.5
        case .watch: 2
        case .fast: 8
        case .full: nil
        }
    }

    /// Seconds a running lab trains between snapshots, so between frames drawn: about 30
    /// frames a second, and 10 at `full`, where each frame's drawing, and the terminal's
    /// work on it, take time from the training cores (the CNN lab in tmux at 200x50 trained
    /// 283 steps/s at 33 frames a second, 331 at 10).
    public var snapshotInterval: Double { self == .full ? 0.1 : 0.03 }

    /// Seconds between the starts of two steps when an epoch is `stepsPerEpoch` steps: the
    /// step rate's interval, or the epoch rate's share of an epoch when that is longer.
    func stepInterval(stepsPerEpoch: Int) -> Double {
        guard let steps = stepsPerSecond else { return 0 }
        let byEpoch = epochsPerSecond.map { 1 / ($0 * Double(max(stepsPerEpoch, 1))) } ?? 0
        return max(1 / steps, byEpoch)
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

    /// Records a step taken at `now`; `stepsPerEpoch` lets a run of a few steps per epoch
    /// keep its epochs at the pace's epoch rate.
    mutating func tookStep(now: Double, stepsPerEpoch: Int = .max) {
        guard pace.stepsPerSecond != nil else { return }
        nextStepAt = max(nextStepAt, now - TrainingSession.publishInterval) + pace.stepInterval(stepsPerEpoch: stepsPerEpoch)
    }
}
