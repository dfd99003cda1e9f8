import ArgumentParser
import BackpropLessons

/// `backprop lint [PATH...]`: checks lesson files and prints each problem as
/// `file:line: message`; exits 1 when there is any.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check lesson files for problems.")

    @Argument(help: "Lesson files or folders of them (default: the lessons folder).")
    var paths: [String] = []

    func run() throws {
        let paths = paths.isEmpty ? [LessonLocations.defaultFolder] : paths
        let reports = LessonLocations.library(for: paths).read(paths: paths)
        // Reported file by file in name order, as a teacher reads them (not in lesson order).
        let problems = reports.sorted { $0.file < $1.file }.flatMap(\.problems)
        for problem in problems { print(problem) }
        if reports.isEmpty {
            print("no lesson files (*.md) in \(paths.joined(separator: ", "))")
            throw ExitCode(1)
        }
        guard problems.isEmpty else { throw ExitCode(1) }
        let pages = reports.reduce(0) { $0 + $1.pageCount }
        let labs = reports.reduce(0) { $0 + $1.labCount }
        print("OK: \(reports.count) lesson\(reports.count == 1 ? "" : "s"), \(pages) pages, \(labs) labs")
    }
}
