import Foundation

/// The class report as text (a grid for a terminal), CSV (one row per student, for a
/// gradebook) and JSON (everything, for scripts).
extension ClassReport {
    /// `4/6 1/3` (pages seen of pages, goals met of goals), `✓` when the lesson is done,
    /// `·` when not started; a lesson without goals shows pages only.
    static func cellText(_ cell: Cell, column: Column) -> String {
        if cell.done { return "✓" }
        if cell.pagesSeen == 0 && cell.goalsMet == 0 { return "·" }
        let pages = "\(cell.pagesSeen)/\(column.pages)"
        return column.goalPages.isEmpty ? pages : pages + " \(cell.goalsMet)/\(column.goalPages.count)g"
    }

    /// Lessons as numbered columns with a legend below, so the grid stays narrow.
    var textLines: [String] { gridLines + noteLines }

    /// The grid: a header line, then one line per student.
    var gridLines: [String] {
        let header = ["student"] + columns.indices.map { "L\($0 + 1)" } + ["last activity"]
        let body = rows.map { row -> [String] in
            let cells = row.problem != nil ? columns.map { _ in "?" } : zip(row.cells, columns).map(Self.cellText)
            return [row.student] + cells + [row.lastActivity.map(Self.readableTime) ?? "never"]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [line(header)] + body.map(line)
    }

    /// Columns taken by the student names and the gap after them: a screen keeps them in
    /// place while the rest scrolls sideways.
    var nameColumnWidth: Int { (rows.map(\.student.count) + ["student".count]).max()! + 2 }

    /// Below the grid: the lessons' legend, the unreadable files, and how to read a cell.
    var noteLines: [String] {
        var lines: [String] = rows.isEmpty ? ["(no students found)", ""] : [""]
        let labelWidth = "L\(columns.count)".count
        lines += columns.enumerated().map { index, column in
            "L\(index + 1)".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                + "  \(column.id): \(column.pages) pages, \(column.goalPages.count) goal\(column.goalPages.count == 1 ? "" : "s")"
        }
        let problems = rows.filter { $0.problem != nil }
        if !problems.isEmpty {
            lines.append("")
            lines += problems.map { "\($0.student): \($0.folder): \($0.problem!)" }
        }
        lines.append("")
        lines.append("cells: pages seen/pages, goals met/goals (g); ✓ done; · not started; ? unreadable. Times are UTC. Made \(Self.readableTime(generatedAt)).")
        return lines
    }

    /// `2026-12-04T13:45:07Z` as `2026-12-04 13:45`.
    static func readableTime(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    /// One row per student: status and last activity, then per lesson the pages seen, the
    /// goals met, when the last of them was met, and whether the lesson is done.
    var csv: String {
        var header = ["student", "status", "last_activity"]
        for column in columns { header += ["\(column.id)_pages_seen", "\(column.id)_goals_met", "\(column.id)_last_goal_at", "\(column.id)_done"] }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        for row in rows {
            var fields = [row.student, row.problem.map { "unreadable: \($0)" } ?? (row.hasProgress ? "ok" : "no progress yet"), row.lastActivity ?? ""]
            for cell in row.cells {
                // Unknown, not zero: a gradebook must not read an unreadable file as no work done.
                fields += row.problem != nil ? ["", "", "", ""]
                    : [String(cell.pagesSeen), String(cell.goalsMet), cell.goalTimes.compactMap(\.at).max() ?? "", cell.done ? "yes" : "no"]
            }
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break. A leading `=`, `+`,
    /// `-` or `@` gets a `'` first: a student's folder name must not become a spreadsheet formula.
    static func csvField(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first) { field = "'" + field }
        guard field.contains(where: { ",\"\n\r".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    struct JSONReport: Encodable {
        struct Lesson: Encodable { let id: String; let title: String; let pages: Int; let goal_pages: [Int] }
        struct Goal: Encodable { let page: Int; let met_at: String? }
        struct Progress: Encodable { let pages_seen: Int; let goals_met: [Goal]; let last_seen_at: String?; let done: Bool }
        struct Student: Encodable {
            let name: String; let folder: String; let status: String; let problem: String?
            let last_activity: String?; let lessons: [String: Progress]
        }
        let generated_at: String
        let lessons: [Lesson]
        let students: [Student]
    }

    var json: String {
        let report = JSONReport(
            generated_at: generatedAt,
            lessons: columns.map { .init(id: $0.id, title: $0.title, pages: $0.pages, goal_pages: $0.goalPages.map { $0 + 1 }) },
            students: rows.map { row in
                var lessons: [String: JSONReport.Progress] = [:]
                for (cell, column) in zip(row.cells, columns) where row.problem == nil {
                    lessons[column.id] = .init(pages_seen: cell.pagesSeen, goals_met: cell.goalTimes.map { .init(page: $0.page + 1, met_at: $0.at) },
                                               last_seen_at: cell.lastSeenAt, done: cell.done)
                }
                return .init(name: row.student, folder: row.folder, status: row.problem != nil ? "unreadable" : (row.hasProgress ? "ok" : "no progress yet"),
                             problem: row.problem, last_activity: row.lastActivity, lessons: lessons)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(report)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
