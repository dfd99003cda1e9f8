import Yams

/// The entries of one YAML mapping, read by key: unknown keys, missing keys and values of
/// the wrong kind become problems at the value's file line.
struct YAMLFields {
    let block: YAMLBlock
    /// What the mapping is, for messages ("front matter", "lab", "goal").
    let name: String
    private let entries: [(key: String, keyNode: Node, value: Node)]
    let line: Int

    /// nil (with a problem) when `node` is not a mapping.
    init?(_ node: Node, in block: YAMLBlock, name: String, problems: inout ProblemList) {
        guard case .mapping(let mapping) = node else {
            problems.add(line: block.line(of: node), "\(name) must be a YAML mapping of key: value lines")
            return nil
        }
        self.block = block
        self.name = name
        self.line = block.line(of: node)
        entries = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// Reports every key not in `known`, naming the accepted keys.
    func rejectUnknownKeys(_ known: [String], problems: inout ProblemList) {
        for entry in entries where !known.contains(entry.key) {
            problems.add(line: block.line(of: entry.keyNode),
                         "unknown key '\(entry.key)' in \(name); accepted keys: \(known.joined(separator: ", "))")
        }
    }

    func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func line(of key: String) -> Int { node(key).map(block.line) ?? line }

    /// A scalar's text; a problem when present but not a scalar, or missing and required.
    func text(_ key: String, required: Bool, problems: inout ProblemList) -> String? {
        guard let value = node(key) else {
            if required { problems.add(line: line, "\(name) is missing '\(key)'") }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            problems.add(line: block.line(of: value), "'\(key)' must be a single value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    /// A whole number within `range`.
    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool, problems: inout ProblemList) -> Int? {
        guard let text = text(key, required: required, problems: &problems) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems.add(line: line(of: key), "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
            return nil
        }
        return value
    }

    /// `true` or `false`; false when the key is absent.
    func flag(_ key: String, problems: inout ProblemList) -> Bool {
        guard let text = text(key, required: false, problems: &problems) else { return false }
        guard text == "true" || text == "false" else {
            problems.add(line: line(of: key), "'\(key)' must be true or false, got '\(text)'")
            return false
        }
        return text == "true"
    }

    /// A list of scalars; a single scalar counts as a list of one.
    func list(_ key: String, problems: inout ProblemList) -> [(text: String, line: Int)] {
        guard let value = node(key) else { return [] }
        switch value {
        case .scalar(let scalar): return [(scalar.string, block.line(of: value))]
        case .sequence(let sequence):
            var items: [(text: String, line: Int)] = []
            for element in sequence {
                guard case .scalar(let scalar) = element else {
                    let quoteAdvice = element.mapping != nil ? "; put an item that contains ': ' in quotes" : ""
                    problems.add(line: block.line(of: element), "each item of '\(key)' must be a single value\(quoteAdvice)")
                    continue
                }
                items.append((scalar.string, block.line(of: element)))
            }
            return items
        default:
            problems.add(line: block.line(of: value), "'\(key)' must be a list (one '- item' per line)")
            return []
        }
    }

    /// The entries of a nested mapping, each key with its value's text; a list value is
    /// joined with commas (`hidden: [4, 2]` is `hidden=4,2`).
    func pairs(_ key: String, problems: inout ProblemList) -> [LabSetting] {
        guard let value = node(key) else { return [] }
        guard case .mapping(let mapping) = value else {
            problems.add(line: block.line(of: value), "'\(key)' must be a mapping of key: value lines")
            return []
        }
        var settings: [LabSetting] = []
        for (settingKey, settingValue) in mapping {
            let line = block.line(of: settingKey)
            switch settingValue {
            case .scalar(let scalar):
                settings.append(LabSetting(key: settingKey.string ?? "", value: scalar.string, line: line))
            case .sequence(let sequence) where sequence.allSatisfy({ $0.scalar != nil }):
                settings.append(LabSetting(key: settingKey.string ?? "", value: sequence.compactMap(\.string).joined(separator: ","), line: line))
            default:
                problems.add(line: line, "setting '\(settingKey.string ?? "")' must be a single value or a list of values")
            }
        }
        return settings
    }
}
