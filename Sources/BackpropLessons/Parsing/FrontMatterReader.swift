import Foundation

/// Reads a lesson's front matter (`id`, `title`, `summary`, `order`, optional `minutes`) and
/// checks it against the file's name, `NN-slug.md`, whose slug must be the id.
enum FrontMatterReader {
    static let keys = ["id", "title", "summary", "order", "minutes"]

    static func read(_ block: YAMLBlock, fileName: String, limits: LessonLimits, problems: inout ProblemList) -> LessonInfo? {
        guard let fields = YAMLFields(block.root, in: block, name: "front matter", problems: &problems) else { return nil }
        fields.rejectUnknownKeys(keys, problems: &problems)
        let id = fields.text("id", required: true, problems: &problems)
        let title = fields.text("title", required: true, problems: &problems)
        let summary = fields.text("summary", required: true, problems: &problems)
        let order = fields.integer("order", in: 1...999, required: true, problems: &problems)
        let minutes = fields.integer("minutes", in: 1...600, required: false, problems: &problems)

        if let id {
            if !isValidID(id) {
                problems.add(line: fields.line(of: "id"), "id '\(id)' must be 1 to 40 lowercase letters, digits and dashes, starting with a letter or digit")
            } else if let slug = slug(of: fileName), slug != id {
                problems.add(line: fields.line(of: "id"), "id '\(id)' must match the file name's slug '\(slug)'")
            }
        }
        if slug(of: fileName) == nil {
            problems.add(line: 1, "lesson file names look like NN-slug.md (two digits, a dash, the lesson id in lowercase letters, digits and dashes), not '\(fileName)'")
        } else if let order, let number = Int((fileName as NSString).lastPathComponent.prefix(2)), number != order {
            problems.add(line: fields.line(of: "order"), "order \(order) differs from the file name's number \(String(format: "%02d", number)); keep them equal so the course reads in one order")
        }
        if let title { check(title, "title", limit: limits.titleCharacters, line: fields.line(of: "title"), problems: &problems) }
        if let summary { check(summary, "summary", limit: limits.summaryCharacters, line: fields.line(of: "summary"), problems: &problems) }
        guard let id, let title, let summary, let order else { return nil }
        return LessonInfo(id: id, title: title, summary: summary, order: order, estimatedMinutes: minutes)
    }

    static func isValidID(_ id: String) -> Bool {
        guard (1...40).contains(id.count), let first = id.unicodeScalars.first, first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// "02-forward-backward.md" → "forward-backward"; nil when the name has another shape.
    static func slug(of fileName: String) -> String? {
        let name = (fileName as NSString).lastPathComponent
        guard name.hasSuffix(".md") else { return nil }
        let stem = name.dropLast(3)
        let digits = stem.prefix(2)
        guard digits.count == 2, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              stem.dropFirst(2).first == "-" else { return nil }
        let slug = String(stem.dropFirst(3))
        return isValidID(slug) ? slug : nil
    }

    private static func check(_ text: String, _ key: String, limit: Int, line: Int, problems: inout ProblemList) {
        if text.allSatisfy(\.isWhitespace) { problems.add(line: line, "'\(key)' must not be empty") }
        if text.count > limit { problems.add(line: line, "'\(key)' is \(text.count) characters; at most \(limit) are allowed") }
    }
}
