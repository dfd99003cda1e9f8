@testable import BackpropApp
@testable import BackpropLessons
import Foundation
import Testing

extension Fuzz {
    /// The lesson parser with its lab, goal and claim validation, against the app's real
    /// catalog: any file gives problems at lines inside it, or a lesson whose every lab
    /// opens and whose every page draws.
    @Suite struct LessonFiles {
        static let target = FuzzTarget(
            name: "lessons", fileExtension: "md", testFilter: "Fuzz/LessonFiles",
            makeInput: { LessonMutator.makeInput(seeds: ShippedLessons.files.map(\.bytes), using: &$0) }, check: check)

        static let parser = LessonLocations.library(for: [ShippedLessons.folder]).parser

        static func check(_ input: [UInt8]) -> FuzzOutcome {
            let contents = String(decoding: input, as: UTF8.self)
            let file = ShippedLessons.folder + "/" + fileName(for: contents)
            let report = parser.parse(contents, file: file)
            let lineCount = contents.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).count
            if let problem = report.problems.first(where: { !(1...(lineCount + 1)).contains($0.line) || $0.message.isEmpty || $0.file != file }) {
                return .broken("a problem outside the file's \(lineCount) lines: \(problem)")
            }
            guard let lesson = report.lesson else {
                return report.problems.isEmpty ? .broken("no lesson and no problem") : .refused
            }
            guard report.problems.isEmpty else { return .broken("a lesson with problems: \(report.problems)") }
            for (index, page) in lesson.pages.enumerated() {
                if let lab = page.lab {
                    do {
                        if AdversarialLabState.isAdversarial(lab) {
                            _ = try AdversarialLabState(lab: lab, page: index, goalMetBefore: false)
                        } else {
                            _ = try LabState(lab: lab, page: index, goalMetBefore: false)
                        }
                    } catch {
                        return .broken("page \(index)'s lab passed lint but does not open: \(error)")
                    }
                }
                _ = page.body.lines(width: 60)
            }
            return .accepted
        }

        /// `NN-id.md` from the front matter's `order` and `id`, so a lesson that still reads
        /// well is checked as a valid file would be; `01-x.md` when they are missing.
        static func fileName(for contents: String) -> String {
            var id = "x", order = 1
            for line in contents.split(separator: "\n").prefix(12) {
                if line.hasPrefix("id: ") { id = String(line.dropFirst(4)) }
                if line.hasPrefix("order: "), let number = Int(line.dropFirst(7)), (0...99).contains(number) { order = number }
            }
            return (order < 10 ? "0" : "") + "\(order)-\(FrontMatterReader.isValidID(id) ? id : "x").md"
        }

        @Test func everyFileGivesALessonOrProblemsInsideIt() {
            let summary = FuzzRunner.run(Self.target, settings: .current(ciSeconds: 20, ciCases: 100_000))
            #expect(summary.executions > 0)
        }
    }
}
