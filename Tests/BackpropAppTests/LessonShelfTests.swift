@testable import BackpropApp
import BackpropLessons
import Foundation
import Testing

/// Progress through the shelf: saved when a page is seen or a goal met, a corrupt file
/// warned about once, resumed where the learner left off, and the Home marks.
@Suite struct LessonShelfTests {
    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shelf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    func shelf(in folder: String) throws -> LessonShelf {
        let report = LessonLocations.library(for: ["/tmp"]).parser.parse(LessonScreenTests.source, file: "/tmp/01-sample.md")
        let broken = LessonReport(file: "/tmp/02-broken.md", info: nil, lesson: nil, pageCount: 0, labCount: 0,
                                  problems: [LessonProblem(file: "/tmp/02-broken.md", line: 3, message: "unknown key 'colour'")])
        return LessonShelf(reports: [report, broken], store: ProgressStore(folder: folder))
    }

    @Test func aSeenPageAndAMetGoalAreSavedAndResumed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var shelf = try shelf(in: folder)
        let lesson = try #require(shelf.report(id: "sample")?.lesson)
        #expect(shelf.resumePage(of: lesson) == 0)
        var screen = LessonScreen(lesson: lesson, page: shelf.resumePage(of: lesson), progress: shelf.progress)
        _ = screen.handle(.character("n"))
        shelf.save(try #require(screen.progress))
        var saved = ProgressStore(folder: folder).load().progress
        #expect(saved.record(for: "sample").pagesSeen == [0, 1] && saved.lastPage == 1)
        screen.observe(LessonScreenTests.snapshot(of: try #require(screen.runConfiguration), epoch: 2, validationAccuracy: 0.99))
        shelf.save(try #require(screen.progress))
        saved = ProgressStore(folder: folder).load().progress
        #expect(saved.record(for: "sample").goalsMet == [1])
        let reopened = try self.shelf(in: folder)
        #expect(reopened.resumePage(of: lesson) == 1)
        #expect(reopened.homeEntries.first?.mark == "2/4")
    }

    @Test func aCorruptProgressFileIsWarnedAboutOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{ not json".write(toFile: (folder as NSString).appendingPathComponent(ProgressStore.fileName), atomically: true, encoding: .utf8)
        var shelf = try shelf(in: folder)
        #expect(shelf.takeWarning()?.contains("could not be read") == true)
        #expect(shelf.takeWarning() == nil)
        #expect(shelf.progress == LessonProgress())
    }

    @Test func homeMarksDoneLessonsAndBrokenOnes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var shelf = try shelf(in: folder)
        var progress = LessonProgress()
        for page in 0..<4 { progress.markSeen(lesson: "sample", page: page) }
        shelf.save(progress)
        #expect(shelf.homeEntries.first?.mark == "4/4", "every page seen, the goal not met")
        progress.markGoalMet(lesson: "sample", page: 1)
        shelf.save(progress)
        #expect(shelf.homeEntries.first?.mark == "✓")
        let broken = try #require(shelf.homeEntries.last)
        #expect(broken.mark == "broken" && broken.destination == .lesson(id: "02-broken"))
        #expect(broken.summary.contains("/tmp/02-broken.md:3: unknown key 'colour'"))
    }
}
