@testable import BackpropApp
import BackpropLessons
import Foundation
import Testing

/// The lessons in `lessons/` as they ship: they pass lint, and every lab with a goal trains
/// headlessly to that goal from a fixed seed within the lab's own epochs, so a lesson whose
/// goal cannot be met fails here rather than in front of a learner.
@Suite struct ShippedLessonTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    /// What the text and hints lead the learner to change before a goal can be met, by
    /// lesson id and the page of the lab. A lab not listed reaches its goal as it starts.
    static let learnerChanges: [String: [Int: [String]]] = [
        "neuron": [5: ["hidden=4"]],
    ]

    static let seed: UInt64 = 1

    static func reports() -> [LessonReport] {
        LessonLocations.library(for: [folder]).read(paths: [folder])
    }

    @Test func everyShippedLessonPassesLint() {
        let reports = Self.reports()
        #expect(!reports.isEmpty, "no lessons in \(Self.folder)")
        for report in reports {
            #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
        }
    }

    /// Every lab with a goal, as (lesson id, page of the lab).
    static func goalLabs() -> [String] {
        reports().compactMap(\.lesson).flatMap { lesson in
            lesson.pages.indices.filter { lesson.pages[$0].lab?.goal != nil }.map { "\(lesson.id)#\($0)" }
        }
    }

    @Test(arguments: goalLabs())
    func labTrainsHeadlesslyToItsGoal(_ name: String) throws {
        let parts = name.split(separator: "#")
        let (id, page) = (String(parts[0]), Int(parts[1])!)
        let lesson = try #require(Self.reports().compactMap(\.lesson).first { $0.id == id })
        let lab = try #require(lesson.pages[page].lab)
        let goal = try #require(lab.goal)
        var configuration = try LabState(lab: lab, page: page, goalMetBefore: false).configuration
        for change in Self.learnerChanges[id]?[page] ?? [] { try configuration.apply(change) }
        let run = try RunBuilder.prepare(configuration, seed: Self.seed)
        let trainer = run.trainer
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.parameterCount = trainer.network.parameterCount
        var metAtEpoch: Int?
        while metAtEpoch == nil && trainer.epoch < configuration.epochs && trainer.divergence == nil {
            guard let report = trainer.trainStep() else { continue }
            snapshot.epoch = report.epoch
            snapshot.trainLoss = report.trainLoss
            snapshot.trainAccuracy = report.trainAccuracy
            snapshot.testLoss = report.validation.loss
            snapshot.testAccuracy = report.validation.accuracy
            if GoalCheck.isMet(goal, by: snapshot) { metAtEpoch = report.epoch }
        }
        #expect(metAtEpoch != nil, "\(name): \(GoalCheck.statement(goal)) not met in \(configuration.epochs) epochs; last \(goal.metric) = \(GoalCheck.value(of: goal.metric, in: snapshot).map { "\($0)" } ?? "none")")
        print("\(name): \(GoalCheck.statement(goal)) met at epoch \(metAtEpoch ?? -1) of \(configuration.epochs)")
    }
}
