/// A lesson's front matter: what the home screen lists.
public struct LessonInfo: Equatable, Sendable {
    public let id: String
    public let title: String
    public let summary: String
    /// Position in the course; lessons are listed by it.
    public let order: Int
    public let estimatedMinutes: Int?

    public init(id: String, title: String, summary: String, order: Int, estimatedMinutes: Int?) {
        self.id = id
        self.title = title
        self.summary = summary
        self.order = order
        self.estimatedMinutes = estimatedMinutes
    }
}
