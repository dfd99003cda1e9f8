import BackpropEngine
import ArgumentParser
import BackpropLessons
import Foundation

/// `backprop lint [--claims] [PATH...]`: checks lesson files and prints each problem as
/// `file:line: message`; with `--claims`, also trains every claim and prints its outcome.
/// Exits 1 when there is any problem or failed claim.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Check lesson files for problems.",
        discussion: """
            With --claims, every claim in the lessons (what a page says its lab will show) is \
            trained headlessly over its seeds and printed as `file:line: ok` or \
            `file:line: claim failed: <what was measured>`.
            """)

    @Argument(help: "Lesson files or folders of them (default: the course's folder and every --lessons folder).")
    var paths: [String] = []

    @OptionGroup var lessonFolders: LessonFolderOptions

    @Flag(help: "Train every claim and check it against the engine.")
    var claims = false

    func run() throws {
        let reports: [LessonReport]
        let folders = try lessonFolders.folders()
        if paths.isEmpty {
            // Folder by folder, as the app reads them: a teacher's lesson may share a course
            // lesson's id (it replaces it), and a replaced lesson is still checked.
            let library = LessonLocations.library(for: folders.map(\.path))
            reports = folders.flatMap { library.read(paths: [$0.path]) }
        } else {
            reports = LessonLocations.library(for: paths + folders.map(\.path)).read(paths: paths)
        }
        let paths = paths.isEmpty ? folders.map(\.path) : paths
        // Reported file by file in name order, as a teacher reads them (not in lesson order).
        let sorted = reports.sorted { $0.file < $1.file }
        let problems = sorted.flatMap(\.problems)
        for problem in problems { print(TerminalText.escaped("\(problem)")) }
        if reports.isEmpty {
            print("no lesson files (*.md) in \(paths.joined(separator: ", "))")
            throw ExitCode(1)
        }
        guard problems.isEmpty else { throw ExitCode(1) }
        let pages = reports.reduce(0) { $0 + $1.pageCount }
        let labs = reports.reduce(0) { $0 + $1.labCount }
        let claimCount = reports.reduce(0) { $0 + ($1.lesson?.claims.count ?? 0) }
        if claims {
            guard try checkClaims(in: sorted) else { throw ExitCode(1) }
        }
        print("OK: \(reports.count) lesson\(reports.count == 1 ? "" : "s"), \(pages) pages, \(labs) labs, \(claimCount) claim\(claimCount == 1 ? "" : "s")"
              + (claims ? " checked" : ""))
    }

    /// Trains and prints every claim; whether all held.
    private func checkClaims(in reports: [LessonReport]) throws -> Bool {
        let check = ClaimCheck()
        let started = monotonicSeconds()
        var failures = 0
        for report in reports {
            guard let lesson = report.lesson else { continue }
            let lessonStarted = monotonicSeconds()
            for claim in lesson.claims {
                let outcome = check.check(claim)
                let place = "\(report.file):\(claim.line)"
                if outcome.held {
                    print("\(place): ok: \(TerminalText.escaped(claim.says)) — \(outcome.measured)")
                } else {
                    failures += 1
                    print("\(place): claim failed: \(outcome.measured) (the page says: \(TerminalText.escaped(claim.says)))")
                }
                fflush(nil)
            }
            print("\(report.file): \(lesson.claims.count) claims in \(String(format: "%.1f", monotonicSeconds() - lessonStarted)) s")
        }
        print("claims: \(failures) failed, \(String(format: "%.1f", monotonicSeconds() - started)) s")
        return failures == 0
    }
}
