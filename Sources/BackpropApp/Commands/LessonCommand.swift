import ArgumentParser

/// `backprop lesson ID [--page N]`: opens one lesson directly, where the learner left off or
/// at page N. An unknown
/// id exits 2 naming the known ones; a broken lesson exits 1 with its problems.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lesson", abstract: "Open a lesson (see backprop lessons).")

    @Argument(help: "The lesson's id, as backprop lessons lists it.")
    var id: String

    @Option(help: "Open at this page (1 is the first) instead of where you left off.")
    var page: Int?

    @OptionGroup var options: InteractiveOptions

    func run() throws {
        let shelf = try options.shelf()
        guard let report = shelf.report(id: id) else {
            let known = shelf.ids.isEmpty ? "there are no lessons (the course folder \(LessonLocations.defaultFolder) was not found)" : "lessons: " + shelf.ids.joined(separator: ", ")
            throw failUsage("unknown lesson '\(id)'; \(known)")
        }
        guard let lesson = report.lesson else {
            printToStandardError("backprop: lesson '\(TerminalText.escaped(id))' is broken:")
            for problem in report.problems { printToStandardError(TerminalText.escaped(problem.description)) }
            throw ExitCode(1)
        }
        if let page, !(1...lesson.pages.count).contains(page) {
            throw failUsage("--page \(page) is not a page of '\(id)': it has pages 1 to \(lesson.pages.count)")
        }
        try options.launch(at: .lesson(id: id, page: page.map { $0 - 1 }), shelf: shelf)
    }
}
