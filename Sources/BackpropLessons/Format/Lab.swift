/// A live lab: which preset to start from, what to change, what the learner may touch,
/// what to show and what to reach.
public struct Lab: Equatable, Sendable {
    public let preset: String
    /// Applied after the preset, in file order; a `dataset:` line comes first, as `dataset=`.
    public let settings: [LabSetting]
    /// `--set` keys the learner may change; every other setting is shown locked.
    public let knobs: [String]
    public let views: [String]
    public let goal: LabGoal?
    /// Shown one at a time, in order.
    public let hints: [String]
    /// The pace the run starts at (nil: the app's default for labs).
    public let pace: Pace?
    /// Knob changes a presenter steps through, in order (empty: no demo).
    public let demo: [DemoStep]
    /// Line of the opening fence in the lesson file.
    public let line: Int
    /// Where each value sits in the file, for problem reports.
    var sourceLines = SourceLines()

    /// File lines of a lab's values; 0 when unknown (a lab built in code).
    struct SourceLines: Equatable, Sendable {
        var preset = 0
        var knobs: [Int] = []
        var views: [Int] = []
        var hints: [Int] = []
    }

    public init(preset: String, settings: [LabSetting], knobs: [String], views: [String], goal: LabGoal?, hints: [String], pace: Pace? = nil,
                demo: [DemoStep] = [], line: Int) {
        self.preset = preset
        self.settings = settings
        self.knobs = knobs
        self.views = views
        self.goal = goal
        self.hints = hints
        self.pace = pace
        self.demo = demo
        self.line = line
    }

    /// The file line of a value, or the line after the fence when it is not known.
    func line(_ lines: [Int], _ index: Int) -> Int {
        index < lines.count && lines[index] > 0 ? lines[index] : line + 1
    }
}
