import ArgumentParser
import BackpropLessons
import Foundation

/// `backprop lessons [--json]`: lists the lessons in course order; a broken one is listed
/// with its first problem and the others still work.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lessons", abstract: "List the lessons.")

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    /// One lesson as `--json` prints it.
    struct Entry: Encodable {
        let id: String
        let title: String
        let summary: String
        let file: String
        let pages: Int
        let labs: Int
        let minutes: Int?
        let broken: Bool
        /// The first problem, as `file:line: message`, when broken.
        let message: String?
    }

    func run() throws {
        let folder = LessonLocations.defaultFolder
        let entries = FileManager.default.fileExists(atPath: folder)
            ? LessonLocations.library(for: [folder]).read(paths: [folder]).map(Self.entry) : []
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        let idWidth = entries.map(\.id.count).max() ?? 0
        for entry in entries {
            let status = entry.message.map { "BROKEN  \($0)" } ?? "\(entry.pages) pages, \(entry.labs) labs  \(entry.summary)"
            // Lesson files are untrusted: their text reaches the terminal with controls escaped.
            print(TerminalText.escaped(entry.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0) + entry.title + " — " + status))
        }
        if entries.isEmpty { print("no lessons in \(folder)") }
    }

    static func entry(_ report: LessonReport) -> Entry {
        let stem = ((report.file as NSString).lastPathComponent as NSString).deletingPathExtension
        return Entry(id: report.info?.id ?? stem, title: report.info?.title ?? stem, summary: report.info?.summary ?? "",
                     file: report.file, pages: report.pageCount, labs: report.labCount, minutes: report.info?.estimatedMinutes,
                     broken: report.isBroken, message: report.problems.first?.description)
    }
}
