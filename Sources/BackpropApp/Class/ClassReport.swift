import BackpropLessons
import Foundation

/// The class as a grid: one row per student, one column per lesson, each cell the pages
/// seen and goals met (with when). Built from files read only, never written.
struct ClassReport {
    /// A lesson column: what there is to do in it.
    struct Column {
        let id: String
        let title: String
        let pages: Int
        /// The pages (0-based) whose lab has a goal.
        let goalPages: [Int]
    }

    /// One student's progress through one lesson.
    struct Cell {
        let pagesSeen: Int
        let goalsMet: Int
        /// ISO 8601 UTC times the goals were first met, by page, where known.
        let goalTimes: [(page: Int, at: String?)]
        let lastSeenAt: String?
        let done: Bool
    }

    struct Row {
        let student: String
        let folder: String
        /// nil when the progress was read (or there is none yet); else why it could not be.
        let problem: String?
        let hasProgress: Bool
        let cells: [Cell]
        /// The latest time recorded in the progress, else the file's time.
        let lastActivity: String?
    }

    let columns: [Column]
    let rows: [Row]
    let generatedAt: String

    init(lessons: [Lesson], students: [StudentProgressFile], now: Date = Date()) {
        columns = lessons.map { lesson in
            Column(id: lesson.id, title: lesson.info.title, pages: lesson.pages.count,
                   goalPages: lesson.pages.indices.filter { lesson.pages[$0].lab?.goal != nil })
        }
        let columns = columns
        rows = students.map { file in
            let progress = file.progress ?? LessonProgress()
            let cells = columns.map { Self.cell(progress.record(for: $0.id), column: $0) }
            let fileTime = file.modified.map(LessonProgress.timestamp)
            return Row(student: file.student, folder: file.folder, problem: file.problem, hasProgress: file.progress != nil,
                       cells: cells, lastActivity: file.progress?.lastActivityAt ?? fileTime)
        }
        generatedAt = LessonProgress.timestamp(now)
    }

    private static func cell(_ record: LessonProgress.Record, column: Column) -> Cell {
        let seen = record.pagesSeen.filter { (0..<column.pages).contains($0) }.count
        let met = column.goalPages.filter(record.goalsMet.contains)
        return Cell(pagesSeen: seen, goalsMet: met.count, goalTimes: met.map { ($0, record.goalMetAt(page: $0)) },
                    lastSeenAt: record.lastSeenAt, done: seen == column.pages && met.count == column.goalPages.count)
    }
}
