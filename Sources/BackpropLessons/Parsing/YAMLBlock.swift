import Yams

/// One YAML block of a lesson file (the front matter or a lab), read under the limits an
/// untrusted file needs: a size cap, no anchors or aliases (so an alias bomb is refused
/// before anything expands it), and bounded nesting. Lines are the lesson file's.
struct YAMLBlock {
    let root: Node
    /// File line of the block's first line.
    let firstLine: Int

    /// A problem found while reading the block, at a file line.
    struct Problem: Error {
        let line: Int
        let message: String
    }

    init(text: String, firstLine: Int, limits: LessonLimits) throws(Problem) {
        self.firstLine = firstLine
        guard text.utf8.count <= limits.yamlBlockBytes else {
            throw Problem(line: firstLine, message: "YAML block is \(text.utf8.count) bytes; at most \(limits.yamlBlockBytes) are allowed")
        }
        if let line = Self.firstAnchorLine(in: text) {
            throw Problem(line: firstLine + line - 1,
                          message: "YAML anchors and aliases (&name, *name) are not allowed in lessons; quote text that starts with &")
        }
        if let (line, name, escape) = Self.firstHiddenLineBreak(in: text) {
            throw Problem(line: firstLine + line - 1,
                          message: "\(name) inside YAML, which reads it as a line end; write it as \(escape) inside double quotes")
        }
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.problem(from: error, firstLine: firstLine, lines: text.components(separatedBy: "\n").dropLastIfEmpty)
        } catch {
            throw Problem(line: firstLine, message: "YAML: \(error)")
        }
        root = composed ?? Node.mapping(Node.Mapping([]))
        try checkShape(of: root, depth: 1, limits: limits)
    }

    /// The file line of a node.
    func line(of node: Node) -> Int { firstLine + (node.mark?.line ?? 1) - 1 }

    private func checkShape(of node: Node, depth: Int, limits: LessonLimits) throws(Problem) {
        if node.anchor != nil {
            throw Problem(line: line(of: node), message: "YAML anchors and aliases are not allowed in lessons")
        }
        guard depth <= limits.yamlDepth else {
            throw Problem(line: line(of: node), message: "YAML nested more than \(limits.yamlDepth) levels deep")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkShape(of: key, depth: depth + 1, limits: limits)
                try checkShape(of: value, depth: depth + 1, limits: limits)
            }
        case .sequence(let sequence):
            for element in sequence { try checkShape(of: element, depth: depth + 1, limits: limits) }
        case .alias:
            throw Problem(line: line(of: node), message: "YAML anchors and aliases are not allowed in lessons")
        case .scalar:
            break
        }
    }

    /// The 1-based line of the first `&name` that YAML could read as an anchor: an `&` that
    /// starts a token and is followed by a name. Quotes are ignored on purpose, so no
    /// quoting trick hides an anchor; `R&D` and `Q & A` pass.
    static func firstAnchorLine(in text: String) -> Int? {
        var line = 1
        var previous: Character = "\n"
        var pendingAmpersand = false
        for character in text {
            if pendingAmpersand, !character.isWhitespace { return line }
            pendingAmpersand = character == "&" && (previous.isWhitespace || "[{,:".contains(previous))
            if character == "\n" { line += 1 }
            previous = character
        }
        return nil
    }

    /// The 1-based line, name and YAML escape of the first NEL, LINE SEPARATOR or PARAGRAPH
    /// SEPARATOR: YAML 1.1 counts each as a line break, so every line it reported after one
    /// would be off by one from the file's.
    static func firstHiddenLineBreak(in text: String) -> (line: Int, name: String, escape: String)? {
        var line = 1
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": line += 1
            case "\u{85}": return (line, "U+0085 (NEXT LINE)", "\\N")
            case "\u{2028}": return (line, "U+2028 (LINE SEPARATOR)", "\\L")
            case "\u{2029}": return (line, "U+2029 (PARAGRAPH SEPARATOR)", "\\P")
            default: continue
            }
        }
        return nil
    }

    private static func problem(from error: YamlError, firstLine: Int, lines: [String]) -> Problem {
        func at(_ mark: Mark, _ text: String) -> Problem {
            // At the end of the stream the parser's mark can lie a line or two past the block:
            // past the end of the file when the block is not closed. Its last line is meant.
            let index = min(max(mark.line, 1), max(lines.count, 1)) - 1
            let advice = lines.indices.contains(index) ? Self.advice(for: lines[index]) : ""
            return Problem(line: firstLine + index, message: "YAML: " + text + advice)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if (problem + (context?.text ?? "")).contains("nesting level") { return at(mark, "nested far too deeply") }
            return at(mark, [problem, context.map { $0.text }].compactMap { $0 }.joined(separator: " "))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicated key '\(duplicates.joined(separator: "', '"))'")
        default:
            return Problem(line: firstLine, message: "YAML: \(error)")
        }
    }

    /// What to change on a line the YAML parser stumbled on, for the mistakes lesson authors
    /// make most: tabs, and values starting with a character YAML reserves (`op: >=`).
    static func advice(for line: String) -> String {
        if line.contains("\t") { return " (indent with spaces, not tabs)" }
        guard let colon = line.range(of: ": ") else { return "" }
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let first = value.first, ">|@`%!".contains(first) else { return "" }
        let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        return " (a value starting with \(first) must be quoted: \(key): \"\(value)\")"
    }
}

private extension Array where Element == String {
    /// Without the empty "line" after a block's final newline.
    var dropLastIfEmpty: [String] { last == "" ? Array(dropLast()) : self }
}
