import BackpropEngine

/// The checkpoints a live run keeps for rewinding (`R`): one at the start and then one
/// `interval` steps after the last. When `capacity` are kept, every other one goes (the first stays) and the
/// interval doubles, so a run of any length keeps checkpoints spread over all of it, and the
/// memory stays at most `capacity` checkpoints of the model (its weights, the optimizer's
/// moments and the sample order).
struct CheckpointTimeline {
    static let capacity = 32
    static let firstInterval = 10

    private(set) var checkpoints: [TrainerCheckpoint] = []
    private(set) var interval = firstInterval

    var steps: [Int] { checkpoints.map(\.step) }
    var byteCount: Int { checkpoints.reduce(0) { $0 + $1.byteCount } }

    /// Keeps a checkpoint of `trainer` when its step is due and it can take one.
    mutating func record(_ trainer: Trainer) {
        // Due `interval` steps after the last; a run that can take one only where an epoch
        // starts (carried recurrent state) takes it at the first such step after that.
        guard checkpoints.last.map({ trainer.step >= $0.step + interval }) ?? true,
              trainer.divergence == nil, let checkpoint = trainer.checkpoint() else { return }
        checkpoints.append(checkpoint)
        if checkpoints.count > Self.capacity { thin() }
    }

    /// The checkpoint at `step`, if kept.
    func checkpoint(at step: Int) -> TrainerCheckpoint? { checkpoints.first { $0.step == step } }

    /// A branch from `step` replaces what came after it.
    mutating func dropAfter(step: Int) {
        checkpoints.removeAll { $0.step > step }
    }

    /// Keeps every other checkpoint from the first, at twice the interval.
    private mutating func thin() {
        interval *= 2
        checkpoints = stride(from: 0, to: checkpoints.count, by: 2).map { checkpoints[$0] }
    }
}
