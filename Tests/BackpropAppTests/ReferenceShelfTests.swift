import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Testing
@testable import BackpropApp

/// Keeping runs to compare (`c`, `C`, `b`): what is kept, how it is named, and where it shows.
@Suite struct ReferenceShelfTests {
    /// A spiral run after `steps` steps whose losses fall from 1 (validation measured each
    /// tenth step), with a 2x2 boundary.
    static func trained(_ configuration: RunConfiguration = Preset.spiral.configuration, steps: Int = 50, scale: Double = 1) -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.step = steps
        snapshot.epoch = steps / 10
        snapshot.trainLossHistory = stride(from: 0, through: steps, by: 10).map { ($0, scale / Double($0 + 1)) }
        snapshot.testLossHistory = stride(from: 0, through: steps, by: 10).map { ($0, scale * 1.1 / Double($0 + 1)) }
        snapshot.testAccuracy = 0.8
        snapshot.boundary = [-1, 1, 1, -1]
        snapshot.boundaryColumns = 2
        snapshot.boundaryRows = 2
        return snapshot
    }

    @Test func aRunIsKeptWithItsValidationCurveAndLettersNeverChangeMeaning() throws {
        var shelf = ReferenceShelf()
        #expect(shelf.keep(SessionSnapshot(configuration: Preset.spiral.configuration)).hasPrefix("nothing to keep yet"), "no step, no curve")
        #expect(shelf.keep(Self.trained()).hasPrefix("kept as A"))
        #expect(shelf.keep(Self.trained()) == "already kept as A", "the same run at the same step is not kept twice")
        let kept = try #require(shelf.references.first)
        #expect(kept.chartedLoss.name == "val" && kept.chartedLoss.points.last == SeriesPoint(step: 50, value: 1.1 / 51))
        for steps in [60, 70, 80] { _ = shelf.keep(Self.trained(steps: steps)) }
        #expect(shelf.references.map(\.letter) == ["A", "B", "C", "D"])
        #expect(shelf.keep(Self.trained(steps: 90)) == "kept as E; A let go (at most 4)")
        #expect(shelf.references.map(\.letter) == ["B", "C", "D", "E"], "a fifth run lets the oldest go; the others keep their letters")
        #expect(shelf.clear() == "kept runs cleared" && shelf.references.isEmpty)
        #expect(shelf.clear().hasPrefix("no kept runs"))
    }

    @Test func theLegendSaysWhatDiffersFromTheLiveRun() throws {
        var live = Preset.spiral.configuration
        var kept = live
        kept.learningRate = 0.3
        live.learningRate = 0.03
        #expect(SettingDifferences.between(kept: kept, live: live) == ["lr 0.3 → 0.03"])
        #expect(SettingDifferences.summary(kept: live, live: live) == "same settings")
        live.batchSize = 32
        live.hidden = [4]
        #expect(SettingDifferences.summary(kept: kept, live: live) == "lr 0.3 → 0.03, batch 10 → 32 +1 more", "hidden 24,24 → 4 is the third")
        let reference = try #require(RunReference(Self.trained(kept), letter: "A"))
        #expect(reference.legend(live: live).hasPrefix("val · lr 0.3 → 0.03"))
        // With room, the legend gives the accuracy the kept run had reached.
        let accuracy = try #require(reference.validationAccuracy)
        #expect(reference.legend(live: live, accuracy: true).hasPrefix("val " + String(format: "%.1f%%", accuracy * 100) + " · lr 0.3 → 0.03"))
    }

    /// Losses compare only on the same data with the same loss function: a kept spiral run
    /// stays off the chart of a lab on digits, and comes back on a spiral lab.
    @Test func keptRunsShowOnlyWhereTheirLossesCompare() throws {
        var shelf = ReferenceShelf()
        _ = shelf.keep(Self.trained())
        #expect(shelf.comparable(with: Preset.spiral.configuration).count == 1)
        #expect(shelf.comparable(with: Preset.xor.configuration).isEmpty)
        var mse = Preset.spiral.configuration
        mse.loss = .mse
        #expect(shelf.comparable(with: mse).isEmpty)
        #expect(shelf.cycleBeside(live: Preset.spiral.configuration).hasPrefix("A beside"))
        #expect(shelf.beside(live: Preset.spiral.configuration)?.letter == "A" && shelf.beside(live: Preset.xor.configuration) == nil)
        #expect(shelf.cycleBeside(live: Preset.spiral.configuration) == "the live boundary alone")
    }

    /// The Playground: keep a run, change the learning rate, and the loss chart shows the
    /// kept curve, dimmed and named by its letter and the change; `b` draws its boundary.
    @Test func thePlaygroundDrawsAKeptRunBesideTheLiveOne() throws {
        var screen = PlaygroundScreen(configuration: Preset.spiral.configuration)
        screen.observe(Self.trained(scale: 2))
        _ = screen.handle(.character("c"))
        while screen.knobs[screen.focusedKnob].id != "lr" { _ = screen.handle(.down) }
        guard case .send(.configure(let changed)) = screen.handle(.right) else {
            Issue.record("the learning rate did not change")
            return
        }
        let live = Self.trained(changed, steps: 20)
        var buffer = CellBuffer(width: 120, height: 40)
        screen.render(live, into: &buffer, theme: .monochrome)
        let legend = try #require(buffer.lines.first { $0.contains("A┅") })
        // The kept run's accuracy when kept, then what differs.
        #expect(legend.contains("A┅ val ") && legend.contains("% · lr 0.02 → "), "\(legend)")
        _ = screen.handle(.character("b"))
        var beside = CellBuffer(width: 120, height: 40)
        screen.render(live, into: &beside, theme: .monochrome)
        #expect(beside.lines[0].contains("Output · now") && beside.lines[0].contains("A · lr 0.02 →"), "\(beside.lines[0])")
        _ = screen.handle(.character("C"))
        var cleared = CellBuffer(width: 120, height: 40)
        screen.render(live, into: &cleared, theme: .monochrome)
        #expect(!cleared.text.contains("A┅") && !cleared.lines[0].contains("Output · now"))
    }
}

extension ReferenceShelfTests {
    /// A run kept on lesson 5's batch page is still on the loss chart three pages on, where
    /// the last lab trains the same spiral with SGD.
    @Test func keptRunsSurvivePageTurnsWithinALesson() throws {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "optimizers" })
        var screen = LessonScreen(lesson: lesson, page: 4, progress: LessonProgress())
        screen.fit(width: 120, height: 40)
        let batchLab = try #require(screen.lab?.configuration)
        _ = screen.handle(.character("c"))
        #expect(screen.notice.hasPrefix("nothing to keep yet"))
        screen.observe(Self.trained(batchLab))
        _ = screen.handle(.character("c"))
        #expect(screen.notice.hasPrefix("kept as A"), "\(screen.notice)")
        for _ in 0..<3 { _ = screen.handle(.character("n")) }
        let lastLab = try #require(screen.lab?.configuration)
        #expect(screen.page == 7 && lastLab != batchLab)
        var buffer = CellBuffer(width: 120, height: 40)
        screen.render(Self.trained(lastLab, steps: 20), into: &buffer, theme: .monochrome)
        #expect(buffer.text.contains("A┅ val") && buffer.text.contains("· optimizer adam → sgd"), "\(buffer.text)")
    }
}
