@testable import BackpropApp
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing

/// Presenting (`--present`, `P`): one view, the current paragraph, the key number in block
/// digits, and a lab's demo stepped with Enter.
@Suite struct PresentingTests {
    static let source = """
        ---
        id: show
        title: Show
        summary: A lesson to present.
        order: 1
        ---
        ## Rates

        First paragraph about the rate.

        Second paragraph: watch the loss.

        ```lab
        preset: xor
        settings:
          lr: 0.03
        knobs: [lr, batch]
        views: [loss, boundary]
        goal:
          metric: val_accuracy
          op: ">="
          threshold: 0.9
        demo:
          - say: Start at 0.03
          - say: Now raise the learning rate to 3
            set:
              lr: 3
          - say: Batch 1 as well
            set:
              batch: 1
        ```
        """

    static func screen(width: Int = 80, height: Int = 24) throws -> LessonScreen {
        let report = LessonLocations.library(for: ["/tmp"]).parser.parse(source, file: "/tmp/01-show.md")
        #expect(report.problems.isEmpty, "\(report.problems)")
        var screen = LessonScreen(lesson: try #require(report.lesson), page: 0, progress: LessonProgress(), presenting: true)
        screen.fit(width: width, height: height)
        return screen
    }

    static func render(_ screen: LessonScreen, accuracy: Float = 0.85, epoch: Int = 4, width: Int = 80, height: Int = 24) throws -> [String] {
        var snapshot = SessionSnapshot(configuration: try #require(screen.lab?.configuration))
        snapshot.epoch = epoch
        snapshot.testAccuracy = accuracy
        var buffer = CellBuffer(width: width, height: height)
        screen.render(snapshot, into: &buffer, theme: .monochrome)
        return buffer.lines
    }

    @Test func oneViewTheParagraphAndTheNumberInBlocks() throws {
        let screen = try Self.screen()
        let lines = try Self.render(screen)
        #expect(lines[0].contains("Show · 1/1 · Rates · ¶ 1/2"))
        #expect(lines[1].contains("First paragraph about the rate."))
        #expect(!lines.joined().contains("Second paragraph"), "only the current paragraph is shown")
        // 85% at 80x24 in half-height blocks, three rows: the 8, the 5 and the %.
        #expect(Array(lines[4...6]).map { String($0.prefix(12)) } == [" █▀█ █▀▀ ▀ █", " █▀█ ▀▀█ ▄▀", " ▀▀▀ ▀▀▀ ▀ ▀"], "\(lines[4...6])")
        #expect(lines[4...6].contains { $0.contains("val accuracy") })
        #expect(lines[4...6].contains { $0.contains("goal: val accuracy ≥ 90%") })
        #expect(lines.filter { $0.hasPrefix("╭") }.count == 1, "exactly one view is drawn")
        #expect(lines[7].hasPrefix("╭ Loss"))
        #expect(lines[22].contains("Demo: 3 steps · Enter makes the first"))
        #expect(lines[23].contains("Enter demo") && lines[23].contains("P leave"))
        #expect(screen.visibleViews(width: 80, height: 24) == LabView.loss.sessionViews, "only the presented view records for the screen")
        // Met, the goal says so; before the first epoch, the number says it is the untrained model's.
        #expect(try Self.render(screen, accuracy: 0.95).joined().contains("✓ goal met"))
        #expect(try Self.render(screen, epoch: 0).joined().contains("val accuracy (before training)"))
    }

    @Test func whileTheFirstEpochRunsTheLiveLossIsShownAndAGoalMetBeforeIsNotTicked() throws {
        var screen = try Self.screen()
        var snapshot = SessionSnapshot(configuration: try #require(screen.lab?.configuration))
        snapshot.state = .running
        snapshot.step = 40
        snapshot.trainLoss = 0.25
        snapshot.testAccuracy = 0.5
        var buffer = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &buffer, theme: .monochrome)
        #expect(buffer.lines.joined().contains("train loss (validation after the first epoch)"))
        #expect(buffer.lines[4].hasPrefix(" █▀█     ▀▀█ █▀▀"), "0.25 in blocks (the point is on the last row): \(buffer.lines[4])")

        // The goal was met in an earlier visit; this run is at 60%: no tick beside it.
        snapshot.epoch = 3
        snapshot.testAccuracy = 0.95
        screen.observe(snapshot)
        #expect(screen.lab?.goalMet == true)
        snapshot.epoch = 4
        snapshot.testAccuracy = 0.6
        buffer = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &buffer, theme: .monochrome)
        let text = buffer.lines.joined()
        #expect(text.contains("met before, not now: val accuracy ≥ 90%") && !text.contains("✓ goal met"))
    }

    @Test func enterStepsTheDemoAndArrowsCycleTheViews() throws {
        var screen = try Self.screen()
        #expect(screen.handle(.enter) == .none, "the first step only speaks")
        #expect(screen.lab?.currentDemoStep?.caption == "Start at 0.03")
        guard case .send(.configure(let raised)) = screen.handle(.enter) else {
            Issue.record("the second step changes the learning rate")
            return
        }
        #expect(raised.learningRate == 3 && screen.lab?.configuration.learningRate == 3)
        #expect(screen.lab?.knobs.first { $0.id == "lr" }?.numericValue == 3, "the knob shows the demo's value")
        #expect(try Self.render(screen).joined().contains("Demo 2/3 ▸ Now raise the learning rate to 3"))
        guard case .send(.configure(let batched)) = screen.handle(.enter) else {
            Issue.record("the third step changes the batch")
            return
        }
        #expect(batched.batchSize == 1 && batched.learningRate == 3, "steps add up")
        #expect(try Self.render(screen).joined().contains("Demo 3/3 ▸ Batch 1 as well · the end, Enter again"))
        // Over, Enter gives the demo again from the lab's own settings.
        guard case .send(.configure(let again)) = screen.handle(.enter) else {
            Issue.record("after the last step Enter puts the lab back")
            return
        }
        #expect(again.learningRate == 0.03 && screen.lab?.demoStepsMade == 0)
        #expect(abs((screen.lab?.knobs.first { $0.id == "lr" }?.numericValue ?? 0) - 0.03) < 1e-6)
        #expect(try Self.render(screen).joined().contains("Demo: 3 steps · Enter makes the first"))

        _ = screen.handle(.right)
        #expect(try Self.render(screen)[7].hasPrefix("╭ Output"), "→ on a view without a control presents the next view")
        _ = screen.handle(.left)
        #expect(try Self.render(screen)[7].hasPrefix("╭ Loss"))
        _ = screen.handle(.character("v"))
        #expect(try Self.render(screen)[7].hasPrefix("╭ Output"), "v presents the next view")
    }

    @Test func arrowsStepTheParagraphsAndPLeavesAndReturns() throws {
        var screen = try Self.screen()
        _ = screen.handle(.down)
        var lines = try Self.render(screen)
        #expect(lines[0].contains("¶ 2/2") && lines[1].contains("Second paragraph"))
        _ = screen.handle(.down)
        #expect(try Self.render(screen).joined().contains("last paragraph"))
        _ = screen.handle(.up)
        #expect(try Self.render(screen)[1].contains("First paragraph"))
        _ = screen.handle(.character("P"))
        #expect(!screen.presentation.isOn)
        lines = try Self.render(screen)
        #expect(lines[0].hasPrefix("╭ Show · 1/1"), "the lesson's own layout is back")
        _ = screen.handle(.character("P"))
        #expect(screen.presentation.isOn)
    }

    @Test func aLargeScreenDrawsTheNumberLarger() throws {
        let screen = try Self.screen(width: 200, height: 50)
        let lines = try Self.render(screen, width: 200, height: 50)
        // Scale 2: the 8's top row is twelve cells, on two rows.
        #expect(lines[6].hasPrefix(" ████████████") && lines[7].hasPrefix(" ████████████"), "\(lines[6])")
    }
}
