import Foundation

/// What a learner has done: pages seen and goals met per lesson, and where to resume.
/// Pages are indices into a lesson's pages; a goal is known by the page of its lab.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// One lesson's record.
    public struct Record: Codable, Equatable, Sendable {
        public var pagesSeen: Set<Int> = []
        public var goalsMet: Set<Int> = []
        /// The page this lesson was last on (absent in files written before it was kept).
        public var lastPage: Int?
        /// When each goal was first met, as ISO 8601 UTC, keyed by its page index written as
        /// text (JSON keys are strings); absent in files written before times were kept.
        public var goalsMetAt: [String: String]?
        /// When a page of this lesson was last opened, ISO 8601 UTC.
        public var lastSeenAt: String?

        public init() {}

        /// When the goal on `page` was first met, if known.
        public func goalMetAt(page: Int) -> String? { goalsMetAt?[String(page)] }
    }

    public var lessons: [String: Record] = [:]
    public var lastLesson: String?
    public var lastPage: Int?

    public init() {}

    public func record(for lessonID: String) -> Record { lessons[lessonID] ?? Record() }

    /// Notes a page as seen and as the place to resume.
    public mutating func markSeen(lesson lessonID: String, page: Int, at date: Date = Date()) {
        lessons[lessonID, default: Record()].pagesSeen.insert(page)
        lessons[lessonID, default: Record()].lastPage = page
        lessons[lessonID, default: Record()].lastSeenAt = Self.timestamp(date)
        lastLesson = lessonID
        lastPage = page
    }

    /// Notes the goal on `page` as met, and when, the first time only.
    public mutating func markGoalMet(lesson lessonID: String, page: Int, at date: Date = Date()) {
        var record = lessons[lessonID] ?? Record()
        record.goalsMet.insert(page)
        if record.goalMetAt(page: page) == nil { record.goalsMetAt = (record.goalsMetAt ?? [:]).merging([String(page): Self.timestamp(date)]) { old, _ in old } }
        lessons[lessonID] = record
    }

    /// The latest time this progress records (a page opened or a goal met), ISO 8601 UTC.
    public var lastActivityAt: String? {
        lessons.values.flatMap { [$0.lastSeenAt].compactMap { $0 } + ($0.goalsMetAt?.values.map { $0 } ?? []) }.max()
    }

    /// `date` as ISO 8601 in UTC to the second (`2026-12-04T13:45:07Z`): sorts as text.
    public static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// This progress with `other`'s added: pages seen and goals met are the union of both;
    /// where to resume stays this one's (the instance saving now is the one the learner used last).
    public func merged(with other: LessonProgress) -> LessonProgress {
        var merged = self
        for (id, theirs) in other.lessons {
            var record = merged.lessons[id] ?? Record()
            record.pagesSeen.formUnion(theirs.pagesSeen)
            record.goalsMet.formUnion(theirs.goalsMet)
            record.lastPage = record.lastPage ?? theirs.lastPage
            // The first time a goal was met, and the last time a page was seen, by either.
            if let times = theirs.goalsMetAt {
                record.goalsMetAt = (record.goalsMetAt ?? [:]).merging(times) { min($0, $1) }
            }
            record.lastSeenAt = [record.lastSeenAt, theirs.lastSeenAt].compactMap { $0 }.max()
            merged.lessons[id] = record
        }
        merged.lastLesson = lastLesson ?? other.lastLesson
        merged.lastPage = lastLesson == nil ? other.lastPage : lastPage
        return merged
    }
}
