import ArgumentParser
import BackpropLessons
import Foundation

/// `backprop lessons [--json] [--lessons DIR]...`: lists the lessons in course order under
/// the folder each came from; a broken one is listed with its first problem and the others
/// still work.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List the lessons and the folder each comes from.",
        discussion: """
            Lessons are read from the course's folder (installed as PREFIX/share/backprop/lessons \
            beside PREFIX/bin/backprop, else the repository's lessons/), then from each folder in \
            $BACKPROP_LESSONS (separated by ':'), then from each --lessons folder. A later \
            folder's lesson with the id of an earlier one replaces it, with a notice.
            """)

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @OptionGroup var lessonFolders: LessonFolderOptions

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
        /// The folder the lesson was read from, and why it was read: `course`,
        /// `BACKPROP_LESSONS` or `--lessons`.
        let folder: String
        let origin: String
        /// The lesson file this one replaced (same id, earlier folder), if any.
        let replaces: String?
    }

    func run() throws {
        let folders = try lessonFolders.folders()
        let collection = LessonCollection(folders: folders)
        let entries = collection.entries.map(Self.entry)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        for notice in collection.notices { printToStandardError("backprop: " + TerminalText.escaped(notice)) }
        let idWidth = entries.map(\.id.count).max() ?? 0
        var folderShown: String?
        for (entry, item) in zip(entries, collection.entries) {
            // A heading per folder, over the places its lessons hold; a replacement stays in
            // the replaced lesson's place and says where it comes from.
            if item.place.path != folderShown {
                print(TerminalText.escaped("\(item.place.origin == .course ? "course" : item.place.origin.rawValue): \(item.place.path)"))
                folderShown = item.place.path
            }
            var status = entry.message.map { "BROKEN  \($0)" } ?? "\(entry.pages) pages, \(entry.labs) labs  \(entry.summary)"
            if let replaced = entry.replaces { status += "  (from \(entry.origin) \(entry.folder), replaces \(replaced))" }
            // Lesson files are untrusted: their text reaches the terminal with controls escaped.
            print(TerminalText.escaped("  " + entry.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0) + entry.title + " — " + status))
        }
        if entries.isEmpty { print("no lessons: the course folder \(LessonLocations.defaultFolder) was not found and no other folder was named") }
    }

    static func entry(_ item: LessonCollection.Entry) -> Entry {
        let report = item.report
        let stem = ((report.file as NSString).lastPathComponent as NSString).deletingPathExtension
        return Entry(id: report.info?.id ?? stem, title: report.info?.title ?? stem, summary: report.info?.summary ?? "",
                     file: report.file, pages: report.pageCount, labs: report.labCount, minutes: report.info?.estimatedMinutes,
                     broken: report.isBroken, message: report.problems.first?.description,
                     folder: item.folder.path, origin: item.folder.origin.rawValue, replaces: item.replaced)
    }
}
