@testable import BackpropApp
@testable import BackpropLessons

/// Lesson files for the fuzzer, from the shipped lessons: byte mutations and splices, and
/// edits that keep the file's shape so the parser gets past its first check: YAML keys and
/// values in the front matter, lab and claims blocks swapped for known keys and edge values,
/// lines indented, repeated, dropped or moved, fences removed, whole claims and pages added.
enum LessonMutator {
    /// Every key a lesson's YAML blocks know, and every `--set` key a lab or claim may use.
    static let keys = FrontMatterReader.keys + LabReader.keys + LabReader.goalKeys + ClaimReader.keys
        + SettingKey.allCases.map(\.rawValue) + ["unknown", "__proto__", ""]

    static func makeInput(seeds: [[UInt8]], using random: inout FuzzRandom) -> [UInt8] {
        let seed = seeds.randomElement(using: &random)!
        if random.chance(0.25) { return ByteMutator.mutate(seed, others: seeds, maximumSteps: 6, maximumLength: 300_000, using: &random) }
        var lines = String(decoding: seed, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...5, using: &random) { edit(&lines, seeds: seeds, using: &random) }
        return Array(lines.joined(separator: "\n").utf8.prefix(300_000))
    }

    /// Indices of the lines inside YAML: the front matter and every lab and claims block.
    static func yamlLines(_ lines: [String]) -> [Int] {
        var inside: [Int] = []
        var fence: String?
        var frontMatterOpen = lines.first == "---"
        for (index, line) in lines.enumerated() where index > 0 {
            if frontMatterOpen {
                if line == "---" { frontMatterOpen = false } else { inside.append(index) }
            } else if line.hasPrefix("```") {
                fence = fence == nil && (line.hasPrefix("```lab") || line.hasPrefix("```claims")) ? line : nil
            } else if fence != nil {
                inside.append(index)
            }
        }
        return inside
    }

    private static func edit(_ lines: inout [String], seeds: [[UInt8]], using random: inout FuzzRandom) {
        let yaml = yamlLines(lines)
        guard let index = (random.chance(0.85) ? yaml.randomElement(using: &random) : nil) ?? lines.indices.randomElement(using: &random) else {
            return
        }
        let line = lines[index]
        let indent = String(line.prefix { $0 == " " || $0 == "-" })
        let key = keys.randomElement(using: &random)!
        let value = InterestingValues.yamlScalars.randomElement(using: &random)!
        switch Int.random(in: 0..<12, using: &random) {
        case 0..<3:
            if let colon = line.firstRange(of: ": ") { lines[index] = String(line[..<colon.upperBound]) + value } else { lines[index] = indent + value }
        case 3, 4:
            let rest = line.firstRange(of: ":").map { String(line[$0.lowerBound...]) } ?? ": " + value
            lines[index] = indent + key + rest
        case 5:
            lines.insert(indent + key + ": " + value, at: index)
        case 6:
            lines[index] = [" ", "  ", "\t", "    ", "- "].randomElement(using: &random)! + (random.chance(0.5) ? line : String(line.drop { $0 == " " }))
        case 7:
            lines.insert(contentsOf: Array(repeating: line, count: random.smallCount(upTo: 200)), at: index)
        case 8:
            lines.removeSubrange(index..<min(lines.count, index + 1 + random.smallCount(upTo: 20)))
        case 9:
            // A closing fence gone, or one too many.
            if let fence = lines[index...].firstIndex(of: "```") { lines.remove(at: fence) } else { lines.insert("```", at: index) }
        case 10:
            lines.insert(contentsOf: claimsBlock(using: &random), at: index)
        default:
            let other = String(decoding: seeds.randomElement(using: &random)!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let start = Int.random(in: 0..<other.count, using: &random)
            let piece = other[start..<min(other.count, start + 1 + random.smallCount(upTo: 80))].map(String.init)
            lines.insert(contentsOf: random.chance(0.3) ? Array(repeating: piece, count: random.smallCount(upTo: 40)).flatMap { $0 } : piece, at: index)
        }
    }

    /// A claims block of one to three claims with known keys and edge values.
    private static func claimsBlock(using random: inout FuzzRandom) -> [String] {
        var lines = ["", "```claims"]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let metric = ["val_accuracy", "train_loss", "goal_met", "epochs_to_goal", "zero_weights", "sequence_accuracy", "nope"].randomElement(using: &random)!
            let setting = SettingKey.allCases.randomElement(using: &random)!.rawValue
            let settingValue = InterestingValues.yamlScalars.randomElement(using: &random)!
            lines += ["- says: a claim", "  metric: \(metric)", "  with: {\(setting): \(settingValue)}",
                      random.chance(0.5) ? "  than: {}" : "  value: \(InterestingValues.yamlScalars.randomElement(using: &random)!)",
                      "  op: \"\(["<", ">", "==", ">=", "<=", "!="].randomElement(using: &random)!)\""]
            if random.chance(0.5) { lines.append("  at: \(["start", "end", "best", "1", "100000", "100001", "0", "-1"].randomElement(using: &random)!)") }
            if random.chance(0.5) { lines.append("  seeds: [\((0..<random.smallCount(upTo: 12)).map { _ in "\(InterestingValues.integer(using: &random))" }.joined(separator: ", "))]") }
        }
        return lines + ["```", ""]
    }
}
