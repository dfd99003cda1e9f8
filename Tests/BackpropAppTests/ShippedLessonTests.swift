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
    /// lesson id and the page of the lab; such a lab must not meet its goal as it starts.
    /// A lab not listed reaches its goal as it starts.
    static let learnerChanges: [String: [Int: [String]]] = [
        "neuron": [5: ["hidden=4"]],
        "forward-backward": [6: ["lr=0.1"]],
        "losses": [5: ["loss=cross_entropy"]],
        "generalization": [1: ["early_stop=10"], 2: ["dropout=0.3"], 5: ["batchnorm=on"]],
        "initialization": [7: ["init=xavier"]],
        "activations": [4: ["activation=relu"]],
        "optimizers": [7: ["optimizer=adam"]],
        "recurrent": [4: ["cell=lstm"]],
        "attention": [4: ["positional=learned"]],
        "residual": [1: ["residual=on"]],
        "autoencoders": [2: ["bottleneck=8"]],
        "gans": [3: ["d_steps=1"]],
        "convolutions": [6: ["lr=0.01"], 7: ["hidden=none"]],
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
        let (lesson, page) = try Self.lab(named: name)
        let lab = try #require(lesson.pages[page].lab)
        let goal = try #require(lab.goal)
        let changes = Self.learnerChanges[lesson.id]?[page] ?? []
        if AdversarialLabState.isAdversarial(lab) { return try adversarialLabReachesItsGoal(name, lab: lab, page: page, goal: goal, changes: changes) }
        var configuration = try LabState(lab: lab, page: page, goalMetBefore: false).configuration
        if !changes.isEmpty {
            let (metAt, last) = try Self.firstEpochMeeting(goal, configuration)
            #expect(metAt == nil, "\(name): the lab as it starts already meets \(GoalCheck.statement(goal)) at epoch \(metAt ?? 0), before the change the text asks for")
            print("\(name): as it starts, last \(goal.metric) = \(last.map { "\($0)" } ?? "none")")
        }
        for change in changes { try configuration.apply(change) }
        let (metAt, last) = try Self.firstEpochMeeting(goal, configuration)
        #expect(metAt != nil, "\(name): \(GoalCheck.statement(goal)) not met in \(configuration.epochs) epochs; last \(goal.metric) = \(last.map { "\($0)" } ?? "none")")
        print("\(name) with \(changes): \(GoalCheck.statement(goal)) met at epoch \(metAt ?? -1) of \(configuration.epochs)")
    }

    /// A GAN lab, as the lesson screen opens it, trained headlessly from the fixed seed: the
    /// goal is out of reach before the learner's change and met after it.
    func adversarialLabReachesItsGoal(_ name: String, lab: Lab, page: Int, goal: LabGoal, changes: [String]) throws {
        var configuration = try AdversarialLabState(lab: lab, page: page, goalMetBefore: false).configuration
        if !changes.isEmpty {
            let metAt = try AdversarialClaimRecord(configuration: configuration, seed: Self.seed).firstEpochMeeting(goal, upTo: .end)
            #expect(metAt == nil, "\(name): the lab as it starts already meets \(GoalCheck.statement(goal)) at epoch \(metAt ?? 0)")
        }
        for change in changes { try configuration.apply(change) }
        let metAt = try AdversarialClaimRecord(configuration: configuration, seed: Self.seed).firstEpochMeeting(goal, upTo: .end)
        #expect(metAt != nil, "\(name): \(GoalCheck.statement(goal)) not met in \(configuration.epochs) epochs with \(changes)")
    }

    static func lab(named name: String) throws -> (Lesson, Int) {
        let parts = name.split(separator: "#")
        let lesson = try #require(reports().compactMap(\.lesson).first { $0.id == parts[0] })
        return (lesson, try #require(Int(parts[1])))
    }

    /// Trains `configuration` from the fixed seed to its last epoch, checking the goal after
    /// every epoch as the lesson screen does; the first epoch that meets it, and the metric last seen.
    static func firstEpochMeeting(_ goal: LabGoal, _ configuration: RunConfiguration) throws -> (Int?, Double?) {
        let prepared = try RunBuilder.prepare(configuration, seed: seed)
        let trainer = prepared.trainer
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.baselineValidationLoss = prepared.baselineValidationLoss
        snapshot.parameterCount = trainer.network.parameterCount
        while trainer.hasEpochsLeft && trainer.epoch < configuration.epochs {
            guard let report = trainer.trainStep() else { continue }
            snapshot.epoch = report.epoch
            snapshot.recentEpochs.append(EpochMetrics(epoch: report.epoch, metrics: RunMetrics(report: report, baselineValidationLoss: prepared.baselineValidationLoss)))
            // As the session does: once the run is over it ends with the best epoch's weights
            // (early stopping) and shows that epoch's numbers.
            let ended = !trainer.hasEpochsLeft || trainer.epoch >= configuration.epochs
            let shown = ended ? trainer.restoredReport ?? report : report
            snapshot.state = ended ? .finished : .running
            snapshot.trainLoss = shown.trainLoss
            snapshot.trainAccuracy = shown.trainAccuracy
            snapshot.testLoss = shown.validation.loss
            snapshot.testAccuracy = shown.validation.accuracy
            snapshot.testSequenceAccuracy = shown.validation.sequenceAccuracy
            if GoalCheck.isMet(goal, by: snapshot) { return (report.epoch, GoalCheck.value(of: goal.metric, in: snapshot)) }
        }
        return (nil, GoalCheck.value(of: goal.metric, in: snapshot))
    }
}
