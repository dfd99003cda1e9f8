/// How fast a live session trains. Unthrottled, the Playground's small networks run
/// thousands of epochs a second and a run is over before the learner sees it; the live pace
/// caps them at `epochsPerSecond` (about TensorFlow Playground's one epoch per frame).
/// Large models never reach the cap, so they always train at full speed.
struct SessionPace {
    static let epochsPerSecond = 60.0
    var fast = false
    private var nextEpochAt = 0.0

    /// Seconds to wait before starting the next epoch (0 when it may start now).
    func delayBeforeNextEpoch(now: Double) -> Double {
        fast ? 0 : max(0, nextEpochAt - now)
    }

    mutating func finishedEpoch(now: Double) {
        // Never bank time: after a pause or a slow epoch the pace restarts from now.
        nextEpochAt = max(nextEpochAt + 1 / Self.epochsPerSecond, now)
    }
}
