/// A lesson file that passed every check: its front matter and its pages.
public struct Lesson: Equatable, Sendable {
    public let info: LessonInfo
    public let pages: [LessonPage]
    /// The path it was read from, as given.
    public let file: String

    public init(info: LessonInfo, pages: [LessonPage], file: String) {
        self.info = info
        self.pages = pages
        self.file = file
    }

    public var id: String { info.id }
    public var labCount: Int { pages.count { $0.lab != nil } }
    /// Every page's claims, in page order.
    public var claims: [Claim] { pages.flatMap(\.claims) }

    /// The lab beside a page: the page's own, else the latest one before it (a lab stays
    /// on screen until a page brings another).
    public func lab(forPage index: Int) -> Lab? {
        guard pages.indices.contains(index) else { return nil }
        return pages[...index].last { $0.lab != nil }?.lab
    }
}
