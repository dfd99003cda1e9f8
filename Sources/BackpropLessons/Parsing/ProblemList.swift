/// The problems found in one lesson file so far, in the order they were found.
struct ProblemList {
    let file: String
    private(set) var problems: [LessonProblem] = []

    init(file: String) { self.file = file }

    mutating func add(line: Int, _ message: String) {
        problems.append(LessonProblem(file: file, line: line, message: message))
    }

    var isEmpty: Bool { problems.isEmpty }
}
