/// What a learner has done: pages seen and goals met per lesson, and where to resume.
/// Pages are indices into a lesson's pages; a goal is known by the page of its lab.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// One lesson's record.
    public struct Record: Codable, Equatable, Sendable {
        public var pagesSeen: Set<Int> = []
        public var goalsMet: Set<Int> = []
        /// The page this lesson was last on (absent in files written before it was kept).
        public var lastPage: Int?

        public init() {}
    }

    public var lessons: [String: Record] = [:]
    public var lastLesson: String?
    public var lastPage: Int?

    public init() {}

    public func record(for lessonID: String) -> Record { lessons[lessonID] ?? Record() }

    /// Notes a page as seen and as the place to resume.
    public mutating func markSeen(lesson lessonID: String, page: Int) {
        lessons[lessonID, default: Record()].pagesSeen.insert(page)
        lessons[lessonID, default: Record()].lastPage = page
        lastLesson = lessonID
        lastPage = page
    }

    public mutating func markGoalMet(lesson lessonID: String, page: Int) {
        lessons[lessonID, default: Record()].goalsMet.insert(page)
    }

    /// This progress with `other`'s added: pages seen and goals met are the union of both;
    /// where to resume stays this one's (the instance saving now is the one the learner used last).
    public func merged(with other: LessonProgress) -> LessonProgress {
        var merged = self
        for (id, theirs) in other.lessons {
            var record = merged.lessons[id] ?? Record()
            record.pagesSeen.formUnion(theirs.pagesSeen)
            record.goalsMet.formUnion(theirs.goalsMet)
            record.lastPage = record.lastPage ?? theirs.lastPage
            merged.lessons[id] = record
        }
        merged.lastLesson = lastLesson ?? other.lastLesson
        merged.lastPage = lastLesson == nil ? other.lastPage : lastPage
        return merged
    }
}
