import ArgumentParser

/// `backprop lesson ID`: opens one lesson directly, where the learner left off. An unknown
/// id exits 2 naming the known ones; a broken lesson exits 1 with its problems.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lesson", abstract: "Open a lesson (see backprop lessons).")

    @Argument(help: "The lesson's id, as backprop lessons lists it.")
    var id: String

    @OptionGroup var options: InteractiveOptions

    func run() throws {
        let shelf = LessonShelf.standard()
        guard let report = shelf.report(id: id) else {
            let known = shelf.ids.isEmpty ? "there are no lessons in \(LessonLocations.defaultFolder)" : "lessons: " + shelf.ids.joined(separator: ", ")
            throw failUsage("unknown lesson '\(id)'; \(known)")
        }
        guard report.lesson != nil else {
            printToStandardError("backprop: lesson '\(id)' is broken:")
            for problem in report.problems { printToStandardError(problem.description) }
            throw ExitCode(1)
        }
        try options.launch(at: .lesson(id: id), shelf: shelf)
    }
}
