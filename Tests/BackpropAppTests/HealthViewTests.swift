import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// The health view of lesson 7's labs, drawn from a real session's snapshot at the smallest
/// and a large terminal.
@Suite struct HealthViewTests {
    func trainedSnapshot(_ configuration: RunConfiguration, views: SessionViews, steps: Int) -> SessionSnapshot {
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(views))
        for _ in 0..<steps { session.send(.step) }
        let deadline = Date().addingTimeInterval(10)
        var snapshot = session.latest().snapshot
        while snapshot.step < steps && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }

    func screen(page: Int) throws -> LessonScreen {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "initialization" })
        return LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
    }

    @Test func healthViewAt80x24And200x50() throws {
        var screen = try screen(page: 0)
        let configuration = try #require(screen.runConfiguration)
        #expect(screen.visibleViews(width: 200, height: 50).contains(.health))
        let snapshot = trainedSnapshot(configuration, views: screen.visibleViews(width: 200, height: 50), steps: 5)
        #expect(snapshot.updateRatioHistory.count == 7 && snapshot.probes.count == 7)

        var large = CellBuffer(width: 200, height: 50)
        screen.render(snapshot, into: &large, theme: .monochrome)
        print(large.text)
        #expect(large.text.contains("Training health per layer"))
        // Beside the loss view the panel is narrower: layer names shorten, every row stays.
        #expect(large.text.contains("chart: log u:d") && large.text.contains("-3┤"))
        #expect(large.lines.filter { $0.contains("8→8") }.count == 5)

        _ = screen.handle(.tab)
        #expect(screen.visibleViews(width: 80, height: 24).contains(.health), "at 80x24 Tab shows the lab")
        var small = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &small, theme: .monochrome)
        print(small.text)
        #expect(small.text.contains("log u:d") && small.text.contains("8→2"), "every layer's row fits at 80x24")
        #expect(small.text.contains("log10 update:data, ┄ at -3 · g:d = grad:data"), "and so does the chart, with what g:d stands for")
        #expect(small.text.contains("1━ L1  2┅ L2  3┈ L3  4━ L4  5┅ L5  6┈ L6  7━ L7"), "the legend names every layer on a row of its own")
    }

    @Test func zeroWeightsShowNoUpdateRatio() throws {
        var configuration = try #require(try screen(page: 0).runConfiguration)
        try configuration.apply("init=zeros")
        let snapshot = trainedSnapshot(configuration, views: [.probes, .health], steps: 3)
        #expect(snapshot.updateRatioHistory.allSatisfy { $0.isEmpty })
        #expect(RunViews.healthLayers(snapshot).allSatisfy { $0.log10UpdateToData == nil && $0.gradientToData == 0 })
    }
}

extension HealthViewTests {
    @Test func goalLabShowsHealthBesideTheLossAt80x24() throws {
        var screen = try screen(page: 7)
        let configuration = try #require(screen.runConfiguration)
        #expect(configuration.initializer == .small, "the goal lab starts from a bad initialization")
        _ = screen.handle(.tab)
        let snapshot = trainedSnapshot(configuration, views: screen.visibleViews(width: 80, height: 24), steps: 3)
        var small = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &small, theme: .monochrome)
        print(small.text)
        #expect(small.text.contains("Training health per layer") && small.text.contains("8→2"))
    }
}

extension HealthViewTests {
    @Test func tanhActivationsAreBinnedOverTheirWholeRange() {
        let spike = BackpropEngine.Histogram([-0.001, 0, 0.001, 0.0005], bins: 5)
        #expect(RunViews.activationCounts(spike, .tanh) == [0, 0, 4, 0, 0], "a vanished signal is one spike in the middle")
        let saturated = BackpropEngine.Histogram([-1, -0.99, 0.99, 1], bins: 5)
        #expect(RunViews.activationCounts(saturated, .tanh) == [2, 0, 0, 0, 2], "saturation piles up at the ends")
        #expect(RunViews.activationCounts(spike, .relu) == spike.counts.map(Double.init), "unbounded activations keep their bins")
    }
}
