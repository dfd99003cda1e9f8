/// One thing wrong with a lesson file, printed by `backprop lint` as `file:line: message`.
public struct LessonProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line in the lesson file.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
