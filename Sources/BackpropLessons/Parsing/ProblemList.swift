/// The problems found in one lesson file so far, in the order they were found. Past
/// `maximum`, problems are only counted, so a file of garbage gives a short report.
struct ProblemList {
    static let maximum = 50
    let file: String
    private var found: [LessonProblem] = []
    private var firstUnshownLine = 0
    private var unshown = 0

    init(file: String) { self.file = file }

    mutating func add(line: Int, _ message: String) {
        guard found.count < Self.maximum else {
            if unshown == 0 { firstUnshownLine = line }
            unshown += 1
            return
        }
        found.append(LessonProblem(file: file, line: line, message: message))
    }

    var isEmpty: Bool { found.isEmpty }

    var problems: [LessonProblem] {
        guard unshown > 0 else { return found }
        return found + [LessonProblem(file: file, line: firstUnshownLine, message: "\(unshown) more problems not shown")]
    }
}
