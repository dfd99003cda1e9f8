/// What reading one lesson file gave: the lesson when it is sound, and every problem found.
/// A broken lesson still carries its front matter when that could be read, so the home
/// screen can list it, marked broken.
public struct LessonReport: Equatable, Sendable {
    public let file: String
    public let info: LessonInfo?
    public let lesson: Lesson?
    public let pageCount: Int
    public let labCount: Int
    public let problems: [LessonProblem]

    public init(file: String, info: LessonInfo?, lesson: Lesson?, pageCount: Int, labCount: Int, problems: [LessonProblem]) {
        self.file = file
        self.info = info
        self.lesson = lesson
        self.pageCount = pageCount
        self.labCount = labCount
        self.problems = problems
    }

    public var isBroken: Bool { !problems.isEmpty }
}
