/// How fast a live run trains while the learner watches, slowest first. A lab's `pace:`
/// names its default; the app gives each pace its steps per second.
public enum Pace: String, CaseIterable, Sendable {
    case slow, watch, fast, full

    /// The next pace the `f` key moves to, from `full` back to `slow`.
    public var next: Pace {
        let all = Pace.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
