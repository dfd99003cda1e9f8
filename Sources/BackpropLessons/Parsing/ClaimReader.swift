import Yams

/// Reads a `claims` block: a YAML list of claims about the page's lab (see `Claim` and
/// docs/lessons.md). What the metric and settings mean is `ClaimValidator`'s job.
enum ClaimReader {
    static let keys = ["says", "metric", "at", "with", "op", "value", "than", "by", "seeds", "over", "seeds_because"]

    static func read(_ block: YAMLBlock, lab: Lab?, fenceLine: Int, limits: LessonLimits, problems: inout ProblemList) -> [Claim] {
        guard case .sequence(let items) = block.root else {
            problems.add(line: fenceLine + 1, "a claims block is a YAML list: one '- says: ...' item per claim")
            return []
        }
        guard let lab else {
            problems.add(line: fenceLine, "a claims block needs a lab on its page or on a page before it")
            return []
        }
        return items.compactMap { readClaim($0, lab: lab, block: block, limits: limits, problems: &problems) }
    }

    private static func readClaim(_ node: Node, lab: Lab, block: YAMLBlock, limits: LessonLimits, problems: inout ProblemList) -> Claim? {
        guard let fields = YAMLFields(node, in: block, name: "claim", problems: &problems) else { return nil }
        fields.rejectUnknownKeys(keys, problems: &problems)
        let says = fields.text("says", required: true, problems: &problems)
        if let says, says.count > limits.claimCharacters || says.allSatisfy(\.isWhitespace) {
            problems.add(line: fields.line(of: "says"), says.count > limits.claimCharacters
                ? "a claim's 'says' is \(says.count) characters; at most \(limits.claimCharacters) are allowed" : "a claim's 'says' must not be empty")
        }
        let metric = fields.text("metric", required: true, problems: &problems)
        let moment = readMoment(fields, problems: &problems)
        let comparison = readComparison(fields, problems: &problems)
        let target = readTarget(fields, problems: &problems)
        let margin = readNumber("by", fields, problems: &problems) ?? 0
        if margin < 0 { problems.add(line: fields.line(of: "by"), "'by' is how far past the target the value must be; it cannot be negative") }
        let seeds = readSeeds(fields, limits: limits, problems: &problems)
        let reason = fields.text("seeds_because", required: false, problems: &problems)
        if seeds.count < 3 && (reason ?? "").allSatisfy(\.isWhitespace) {
            problems.add(line: fields.line(of: "seeds"),
                         "a claim is checked over at least 3 seeds; with fewer, say why one is enough in 'seeds_because'")
        }
        var aggregate = ClaimAggregate.each
        if let over = fields.text("over", required: false, problems: &problems) {
            if let known = ClaimAggregate(rawValue: over) { aggregate = known } else {
                problems.add(line: fields.line(of: "over"), "'over' must be 'each' (every seed) or 'mean' (the seeds' mean), got '\(over)'")
            }
        }
        guard let says, let metric, let comparison, let target else { return nil }
        return Claim(says: says, metric: metric, moment: moment, variant: fields.pairs("with", problems: &problems),
                     comparison: comparison, target: target, margin: margin, seeds: seeds, aggregate: aggregate,
                     fewSeedsReason: reason, lab: lab, line: fields.line)
    }

    private static func readMoment(_ fields: YAMLFields, problems: inout ProblemList) -> ClaimMoment {
        guard let text = fields.text("at", required: false, problems: &problems) else { return .end }
        switch text {
        case "start": return .start
        case "end": return .end
        case "best": return .best
        default:
            if let epoch = Int(text), (1...100_000).contains(epoch) { return .epoch(epoch) }
            problems.add(line: fields.line(of: "at"), "'at' must be start, end, best or an epoch from 1 to 100000, got '\(text)'")
            return .end
        }
    }

    private static func readComparison(_ fields: YAMLFields, problems: inout ProblemList) -> ClaimComparison? {
        guard let op = fields.text("op", required: true, problems: &problems) else { return nil }
        guard let comparison = ClaimComparison(rawValue: op) else {
            let choices = ClaimComparison.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            problems.add(line: fields.line(of: "op"), "claim 'op' must be one of \(choices) (in quotes), got '\(op)'")
            return nil
        }
        return comparison
    }

    private static func readTarget(_ fields: YAMLFields, problems: inout ProblemList) -> ClaimTarget? {
        switch (fields.node("value"), fields.node("than")) {
        case (.some, .some):
            problems.add(line: fields.line(of: "than"), "a claim compares with either 'value' (a number) or 'than' (another variant of the lab), not both")
            return nil
        case (.none, .none):
            problems.add(line: fields.line, "a claim needs 'value' (a number) or 'than' (settings of another variant of the lab, {} for the lab itself)")
            return nil
        case (.some, .none):
            return readNumber("value", fields, problems: &problems).map(ClaimTarget.value)
        case (.none, .some):
            return .variant(fields.pairs("than", problems: &problems))
        }
    }

    private static func readNumber(_ key: String, _ fields: YAMLFields, problems: inout ProblemList) -> Double? {
        guard let text = fields.text(key, required: false, problems: &problems) else { return nil }
        guard let number = Double(text), number.isFinite else {
            problems.add(line: fields.line(of: key), "claim '\(key)' must be a number, got '\(text)'")
            return nil
        }
        return number
    }

    private static func readSeeds(_ fields: YAMLFields, limits: LessonLimits, problems: inout ProblemList) -> [UInt64] {
        guard fields.node("seeds") != nil else { return Claim.defaultSeeds }
        var seeds: [UInt64] = []
        for item in fields.list("seeds", problems: &problems) {
            guard let seed = UInt64(item.text), seed <= 1_000_000 else {
                problems.add(line: item.line, "a seed is a whole number from 0 to 1000000, got '\(item.text)'")
                continue
            }
            if seeds.contains(seed) { problems.add(line: item.line, "seed \(seed) is listed twice") } else { seeds.append(seed) }
        }
        if seeds.count > limits.seedsPerClaim {
            problems.add(line: fields.line(of: "seeds"), "\(seeds.count) seeds; a claim is checked over at most \(limits.seedsPerClaim)")
            seeds = Array(seeds.prefix(limits.seedsPerClaim))
        }
        if seeds.isEmpty { problems.add(line: fields.line(of: "seeds"), "a claim needs at least one seed") }
        return seeds
    }
}
