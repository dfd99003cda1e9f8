@testable import BackpropApp
import BackpropEngine
import BackpropLessons
import Foundation
import Testing

/// Lessons checked against the app's real catalog: the authoring guide's example, and the
/// rules that depend on what the app can train.
@Suite struct LessonLintTests {
    /// docs/lessons.md's complete example, written to a fresh folder under its own name.
    func guideExample() throws -> (folder: String, file: String) {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: repository.appendingPathComponent("docs/lessons.md"), encoding: .utf8)
        let opening = try #require(guide.range(of: "````markdown\n"))
        let closing = try #require(guide.range(of: "\n````", range: opening.upperBound..<guide.endIndex))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = (folder as NSString).appendingPathComponent("01-hidden-layer.md")
        try (String(guide[opening.upperBound..<closing.lowerBound]) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    /// The problems in the guide's example after `change`.
    func lint(changing change: (String) -> String) throws -> [String] {
        let (folder, file) = try guideExample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try change(String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
        return LessonLocations.library(for: [folder]).read(paths: [folder]).flatMap(\.problems).map(\.message)
    }

    @Test func guideExampleLintsClean() throws {
        let (folder, file) = try guideExample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reports = LessonLocations.library(for: [folder]).read(paths: [folder])
        #expect(reports.count == 1)
        #expect(reports.first?.problems == [], "\(reports.first?.problems.map(\.description) ?? [])")
        let lesson = try #require(reports.first?.lesson)
        #expect(lesson.pages.count == 2 && lesson.labCount == 2)
        #expect(lesson.pages[1].lab?.goal?.statement == "val_accuracy >= 0.95")
        #expect(lesson.file == file)
    }

    @Test func accuracyGoalOnARegressionDataset() throws {
        let found = try lint { $0.replacingOccurrences(of: "knobs: [hidden, lr]", with: "  loss: mse\ndataset: reg-plane\nknobs: [hidden, lr]") }
        #expect(found == [
            "goal metric 'val_accuracy' cannot be produced by a lab on regression dataset reg-plane",
        ])
    }

    @Test func settingValuesAreCheckedAsSetWould() throws {
        let found = try lint { $0.replacingOccurrences(of: "  lr: 0.03", with: "  optimizer: fastest") }
        #expect(found == [
            "invalid value 'fastest' for key 'optimizer': expected one of " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "),
        ])
    }

    @Test func everyBadSettingIsReportedAtOnceButNotOnesThatNeedEachOther() throws {
        let found = try lint { $0.replacingOccurrences(of: "  lr: 0.03", with: "  lr: fast\n  optimizer: adamm\n  momentum: 2") }
        #expect(found.count == 3, "\(found)")
        #expect(found.allSatisfy { $0.hasPrefix("invalid value") })
        let together = try lint { $0.replacingOccurrences(of: "  lr: 0.03", with: "  dataset: fashion-mnist\n  augment: on") }
        #expect(!together.contains { $0.contains("augment") }, "augment needs the dataset set beside it: \(together)")
    }

    @Test func aKnobThatChangesNothingForTheModelAndARepeatedViewAreFlagged() throws {
        let found = try lint { $0.replacingOccurrences(of: "knobs: [lr, activation]", with: "knobs: [lr, heads]").replacingOccurrences(of: "views: [boundary, loss]", with: "views: [boundary, loss, loss]") }
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasPrefix("knob 'heads' changes nothing for a lab on classification dataset xor; its knobs: ") }, "\(found)")
        #expect(found.contains("view 'loss' is listed twice"))
    }

    @Test func aGoalFromAnEpochTheLabNeverReaches() throws {
        let found = try lint { $0.replacingOccurrences(of: "  max_hidden_neurons: 4", with: "  max_hidden_neurons: 4\n  min_epochs: 100") }
        #expect(found == ["the goal counts from epoch 100, but the lab stops after 60 and 'epochs' is not a knob"])
        let crossed = try lint { $0.replacingOccurrences(of: "  max_hidden_neurons: 4", with: "  min_epochs: 50\n  max_epochs: 40") }
        #expect(crossed == ["the goal counts from epoch 50 but must be met within 40 epochs"])
    }

    /// `at_end` takes true or false, and the goal says it counts when the run ends.
    @Test func aGoalAtTheEndOfTheRun() throws {
        #expect(try lint { $0.replacingOccurrences(of: "  max_hidden_neurons: 4", with: "  max_hidden_neurons: 4\n  at_end: true") }.isEmpty)
        let found = try lint { $0.replacingOccurrences(of: "  max_hidden_neurons: 4", with: "  max_hidden_neurons: 4\n  at_end: soon") }
        #expect(found == ["'at_end' must be true or false, got 'soon'"], "\(found)")
        let goal = LabGoal(metric: "val_loss", comparison: .atMost, threshold: 0.5, limits: GoalLimits(atEnd: true), line: 1)
        #expect(GoalCheck.statement(goal) == "val loss ≤ 0.5 · when the run ends")
        var snapshot = SessionSnapshot(configuration: Preset.xor.configuration)
        snapshot.epoch = 10
        snapshot.testLoss = 0.4
        snapshot.state = .running
        #expect(!GoalCheck.isMet(goal, by: snapshot), "not before the run ends")
        snapshot.state = .finished
        #expect(GoalCheck.isMet(goal, by: snapshot))
    }

    @Test func catalogSizesTheNetwork() throws {
        let catalog = AppLabCatalog()
        let fashion = try catalog.configure(preset: "fashion-mlp", settings: []).get()
        #expect(fashion.hiddenNeurons == 192)
        #expect(fashion.parameters == 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10)
        #expect(!fashion.views.contains("boundary") && fashion.views.contains("confusion"))
        let failure = catalog.configure(preset: "xor", settings: [LabSetting(key: "loss", value: "nope", line: 9)])
        #expect(throws: LabSettingFailure.self) { try failure.get() }
    }

    /// `forget_gate` is a claim metric of LSTM labs only, read before training or at the end.
    @Test func theForgetGateIsMeasuredOnLSTMsAtTheStartOrTheEnd() throws {
        let catalog = AppLabCatalog()
        #expect(try catalog.configure(preset: "copy-lstm", settings: []).get().claimMetrics.contains("forget_gate"))
        #expect(try !catalog.configure(preset: "copy-rnn", settings: []).get().claimMetrics.contains("forget_gate"))
    }

    /// Each model's own claim metrics only where its model can measure them: a claim naming
    /// one on another lab is a lint problem at its line, not a claim that fails with "none".
    @Test func modelClaimMetricsBelongToTheirModels() throws {
        let catalog = AppLabCatalog()
        func metrics(_ preset: String) throws -> [String] { try catalog.configure(preset: preset, settings: []).get().claimMetrics }
        #expect(try metrics("adding-rnn").contains("first_step_gradient"))
        #expect(try !metrics("xor").contains("first_step_gradient"))
        #expect(try metrics("reverse-attention").contains("attention_peak"))
        #expect(try !metrics("copy-lstm").contains("attention_peak"))
        #expect(try metrics("fashion-cnn").contains("kept_max_pool_1px"))
        #expect(try !metrics("digits-mlp").contains("kept_max_pool_1px"))
    }
}
