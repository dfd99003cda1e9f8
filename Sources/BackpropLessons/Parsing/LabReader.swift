import Yams

/// Reads a `lab` block's YAML into a `Lab`: the keys, their kinds and their shape. What the
/// values mean (does the preset exist, is the network small enough) is `LabValidator`'s job.
enum LabReader {
    static let keys = ["preset", "dataset", "settings", "knobs", "views", "goal", "hints", "pace", "demo"]
    static let demoStepKeys = ["say", "set"]
    static let goalKeys = ["metric", "op", "threshold"] + GoalLimits.keys

    static func read(_ block: YAMLBlock, fenceLine: Int, problems: inout ProblemList) -> Lab? {
        guard let fields = YAMLFields(block.root, in: block, name: "lab", problems: &problems) else { return nil }
        fields.rejectUnknownKeys(keys, problems: &problems)
        let preset = fields.text("preset", required: true, problems: &problems)
        var settings: [LabSetting] = []
        if let dataset = fields.text("dataset", required: false, problems: &problems) {
            settings.append(LabSetting(key: "dataset", value: dataset, line: fields.line(of: "dataset")))
        }
        settings += fields.pairs("settings", problems: &problems)
        let knobs = fields.list("knobs", problems: &problems)
        let views = fields.list("views", problems: &problems)
        let hints = fields.list("hints", problems: &problems)
        let goal = fields.node("goal").flatMap { readGoal($0, block: block, problems: &problems) }
        var pace: Pace?
        if let text = fields.text("pace", required: false, problems: &problems) {
            pace = Pace(rawValue: text)
            if pace == nil {
                problems.add(line: fields.line(of: "pace"),
                             "lab 'pace' must be one of \(Pace.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
        }
        let demo = fields.node("demo").map { readDemo($0, block: block, problems: &problems) } ?? []
        guard let preset else { return nil }
        var lab = Lab(preset: preset, settings: settings, knobs: knobs.map(\.text), views: views.map(\.text), goal: goal,
                      hints: hints.map(\.text), pace: pace, demo: demo, line: fenceLine)
        lab.sourceLines = Lab.SourceLines(preset: fields.line(of: "preset"), knobs: knobs.map(\.line),
                                          views: views.map(\.line), hints: hints.map(\.line))
        return lab
    }

    /// `demo:` is a list of steps, each `say:` (the caption) and an optional `set:` mapping.
    private static func readDemo(_ node: Node, block: YAMLBlock, problems: inout ProblemList) -> [DemoStep] {
        guard case .sequence(let sequence) = node else {
            problems.add(line: block.line(of: node), "'demo' must be a list of steps, each with 'say:' and optionally 'set:'")
            return []
        }
        return sequence.compactMap { element in
            guard let fields = YAMLFields(element, in: block, name: "demo step", problems: &problems) else { return nil }
            fields.rejectUnknownKeys(demoStepKeys, problems: &problems)
            let caption = fields.text("say", required: true, problems: &problems)
            let settings = fields.pairs("set", problems: &problems)
            return caption.map { DemoStep(caption: $0, settings: settings, line: fields.line) }
        }
    }

    private static func readGoal(_ node: Node, block: YAMLBlock, problems: inout ProblemList) -> LabGoal? {
        guard let fields = YAMLFields(node, in: block, name: "goal", problems: &problems) else { return nil }
        fields.rejectUnknownKeys(goalKeys, problems: &problems)
        let metric = fields.text("metric", required: true, problems: &problems)
        var comparison: GoalComparison?
        if let op = fields.text("op", required: true, problems: &problems) {
            comparison = GoalComparison(rawValue: op)
            if comparison == nil {
                problems.add(line: fields.line(of: "op"), "goal 'op' must be \">=\" or \"<=\" (in quotes), got '\(op)'")
            }
        }
        var threshold: Double?
        if let text = fields.text("threshold", required: true, problems: &problems) {
            threshold = Double(text).flatMap { $0.isFinite ? $0 : nil }
            if threshold == nil { problems.add(line: fields.line(of: "threshold"), "goal 'threshold' must be a number, got '\(text)'") }
        }
        let limits = GoalLimits(
            maxHiddenNeurons: fields.integer("max_hidden_neurons", in: 1...1_000_000, required: false, problems: &problems),
            maxEpochs: fields.integer("max_epochs", in: 1...100_000, required: false, problems: &problems),
            maxParameters: fields.integer("max_parameters", in: 1...100_000_000, required: false, problems: &problems),
            minEpochs: fields.integer("min_epochs", in: 1...100_000, required: false, problems: &problems),
            holdEpochs: fields.integer("hold_epochs", in: 1...1000, required: false, problems: &problems),
            atEnd: fields.flag("at_end", problems: &problems))
        guard let metric, let comparison, let threshold else { return nil }
        return LabGoal(metric: metric, comparison: comparison, threshold: threshold, limits: limits, line: fields.line)
    }
}
