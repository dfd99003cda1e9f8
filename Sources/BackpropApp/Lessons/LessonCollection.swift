import BackpropLessons
import Foundation

/// The lessons of several folders as one course: each folder is checked on its own (ids and
/// orders are unique within a folder), then a later folder's lesson replaces an earlier
/// lesson with the same id, in that lesson's place, so a teacher's version wins.
struct LessonCollection {
    /// One lesson and where it came from.
    struct Entry {
        let report: LessonReport
        let folder: LessonFolder
        /// The file this lesson replaced, if it replaced one.
        let replaced: String?
        /// The folder whose place in the list this lesson holds: the replaced lesson's.
        let place: LessonFolder
    }

    let entries: [Entry]
    /// One line per replaced lesson.
    let notices: [String]

    var reports: [LessonReport] { entries.map(\.report) }

    init(folders: [LessonFolder]) {
        let library = LessonLocations.library(for: folders.map(\.path))
        var entries: [Entry] = []
        var notices: [String] = []
        var placeOfID: [String: Int] = [:]
        for folder in folders {
            for report in library.read(paths: [folder.path]) {
                let id = LessonShelf.id(of: report)
                if let place = placeOfID[id] {
                    let replaced = entries[place].report.file
                    notices.append("lesson '\(id)' from \(report.file) replaces \(replaced)")
                    entries[place] = Entry(report: report, folder: folder, replaced: replaced, place: entries[place].place)
                } else {
                    placeOfID[id] = entries.count
                    entries.append(Entry(report: report, folder: folder, replaced: nil, place: folder))
                }
            }
        }
        self.entries = entries
        self.notices = notices
    }
}
