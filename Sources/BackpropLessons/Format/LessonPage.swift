/// One page of a lesson: a `## ` heading and what follows it up to the next one.
public struct LessonPage: Equatable, Sendable {
    public let title: String
    /// The page's text without its heading and without its lab block.
    public let body: MarkdownDocument
    /// The lab defined on this page, if any.
    public let lab: Lab?
    /// Line of the page's heading in the lesson file.
    public let line: Int
    /// What the page says its lab will show, as checks; never shown to the learner.
    public let claims: [Claim]

    public init(title: String, body: MarkdownDocument, lab: Lab?, line: Int, claims: [Claim] = []) {
        self.title = title
        self.body = body
        self.lab = lab
        self.line = line
        self.claims = claims
    }
}
