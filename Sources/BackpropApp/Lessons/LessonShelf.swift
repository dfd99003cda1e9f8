import BackpropLessons
import Foundation

/// The lessons the app can open and the learner's progress through them: the lessons
/// folder read once, progress loaded once and saved whenever it changes.
struct LessonShelf {
    let reports: [LessonReport]
    let store: ProgressStore
    private(set) var progress: LessonProgress
    /// The progress file's problem (set aside as corrupt, or not writable); shown once.
    private(set) var warning: String?

    /// `notices` (a teacher's lesson replacing a course lesson) are shown once, before any
    /// problem with the progress file.
    init(reports: [LessonReport], store: ProgressStore, notices: [String] = []) {
        self.reports = reports
        self.store = store
        let loaded = store.load()
        progress = loaded.progress
        let lines = notices + (loaded.warning.map { [$0] } ?? [])
        warning = lines.isEmpty ? nil : lines.joined(separator: "; ")
    }

    /// The lessons of `folders` (see `LessonLocations`) and the state folder of the environment.
    static func standard(folders: [LessonFolder]) -> LessonShelf {
        let collection = LessonCollection(folders: folders)
        return LessonShelf(reports: collection.reports, store: ProgressStore(), notices: collection.notices)
    }

    /// A lesson's id: its front matter's, else its file's stem (a broken file without one).
    static func id(of report: LessonReport) -> String {
        report.info?.id ?? ((report.file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    func report(id: String) -> LessonReport? { reports.first { Self.id(of: $0) == id } }

    var ids: [String] { reports.map(Self.id) }

    /// Where to open `lesson`: the page it was last on, else the furthest page seen, else the first.
    func resumePage(of lesson: Lesson) -> Int {
        let record = progress.record(for: lesson.id)
        let page = record.lastPage ?? (progress.lastLesson == lesson.id ? progress.lastPage : record.pagesSeen.max())
        return min(max(page ?? 0, 0), max(lesson.pages.count - 1, 0))
    }

    /// Keeps `newProgress` and writes it when it differs from what was saved; a failed
    /// write becomes the warning.
    mutating func save(_ newProgress: LessonProgress) {
        guard newProgress != progress else { return }
        progress = newProgress
        // What was written includes what another instance saved meanwhile.
        do { progress = try store.save(progress) } catch {
            warning = "could not save progress: \(error)"
        }
    }

    /// The warning, once: later calls return nil until a new problem.
    mutating func takeWarning() -> String? {
        defer { warning = nil }
        return warning
    }

    /// Whether every page was seen and every goal met.
    func isDone(_ lesson: Lesson) -> Bool {
        let record = progress.record(for: lesson.id)
        let goals = Set(lesson.pages.indices.filter { lesson.pages[$0].lab?.goal != nil })
        return record.pagesSeen.isSuperset(of: lesson.pages.indices) && record.goalsMet.isSuperset(of: goals)
    }

    /// One Home line per lesson: ✓ when done, pages seen otherwise, or broken with its problem.
    var homeEntries: [HomeEntry] {
        reports.map { report in
            let id = Self.id(of: report)
            let title = report.info?.title ?? id
            guard let lesson = report.lesson else {
                let problem = report.problems.first.map { $0.description } ?? "unreadable"
                return HomeEntry(title: title, summary: "Broken: \(problem)", destination: .lesson(id: id), mark: "broken")
            }
            let seen = progress.record(for: id).pagesSeen.filter { lesson.pages.indices.contains($0) }.count
            let mark = isDone(lesson) ? "✓" : "\(seen)/\(lesson.pages.count)"
            return HomeEntry(title: title, summary: lesson.info.summary, destination: .lesson(id: id), mark: mark)
        }
    }
}
