import BackpropTerminal

/// Looking back along a run (`R`): ← → step through the checkpoints the trainer kept, and the
/// model is put back to each, so every view shows it as it was then. Space (or `s`) trains a
/// branch from there, `R` or Esc returns to where the run stood. The other keys work as
/// usual meanwhile (`+` `-` change the focused knob), so a branch can start with a new setting.
struct RewindControl: Sendable {
    /// The checkpoint shown, as an index into the snapshot's `checkpointSteps`; nil when closed.
    private(set) var index: Int?
    /// The run as it stood when the timeline opened: kept as the reference a branch leaves.
    private(set) var runBeforeRewind: SessionSnapshot?

    var isOpen: Bool { index != nil }

    /// What a key did: a command for the trainer, a line for the status, and whether the
    /// screen should keep the run as it stood as a reference (a branch is starting).
    struct Result {
        var outcome: ScreenOutcome = .none
        var notice = ""
        var keepsReference = false
    }

    /// `R`: opens at the newest checkpoint before the run's current step, or closes.
    mutating func toggle(_ snapshot: SessionSnapshot?) -> Result {
        if isOpen {
            index = nil
            return Result(outcome: .send(.returnToEnd), notice: "")
        }
        guard let snapshot, let last = snapshot.checkpointSteps.lastIndex(where: { $0 < snapshot.step }) else {
            return Result(notice: "no checkpoint to rewind to yet: train first (Space or s)")
        }
        runBeforeRewind = snapshot
        return show(last, of: snapshot.checkpointSteps)
    }

    /// A key while open; nil when the key is not the timeline's and goes to the screen.
    mutating func handle(_ key: Key, snapshot: SessionSnapshot?) -> Result? {
        guard let index, let steps = snapshot?.checkpointSteps, steps.indices.contains(index) else { return nil }
        switch key {
        case .left:
            guard index > 0 else { return Result(notice: "step \(steps[0]) is the oldest checkpoint kept") }
            return show(index - 1, of: steps)
        case .right:
            guard index + 1 < steps.count else {
                return Result(notice: "step \(steps[index]) is the newest checkpoint: R returns to where the run stood")
            }
            return show(index + 1, of: steps)
        case .character(" "), .character("s"):
            self.index = nil
            return Result(outcome: .send(key == .character("s") ? .step : .togglePlay), notice: "", keepsReference: true)
        case .character("R"), .escape:
            self.index = nil
            return Result(outcome: .send(.returnToEnd), notice: "")
        // A reset or new data starts a new run, with a timeline of its own: this one closes.
        case .character("r"), .character("g"):
            self.index = nil
            return nil
        default: return nil
        }
    }

    private mutating func show(_ position: Int, of steps: [Int]) -> Result {
        index = position
        return Result(outcome: .send(.rewind(toStep: steps[position])), notice: Self.describe(position, of: steps))
    }

    /// "rewound to step 300 · 4/20 · ← → · Space branches · R returns".
    static func describe(_ position: Int, of steps: [Int]) -> String {
        "rewound to step \(steps[position]) · \(position + 1)/\(steps.count) · ← → · Space branches · R returns"
    }
}
