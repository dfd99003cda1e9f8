import BackpropEngine
import BackpropLessons
import Foundation
import Testing
@testable import BackpropApp

/// The views a lab offers record on the trainer thread whether they are on screen or not:
/// a view opened after the run shows the same numbers as one watched all along.
@Suite("Background recording")
struct BackgroundRecordingTests {
    /// The shipped lesson's lab on `page`, shortened to `settings`.
    func lab(_ id: String, page: Int, _ settings: [String]) throws -> (screen: LessonScreen, configuration: RunConfiguration) {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == id })
        let screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        var configuration = try #require(screen.runConfiguration)
        for setting in settings { try configuration.apply(setting) }
        return (screen, configuration)
    }

    /// Trains `configuration` to its end at full pace with `shown` on screen all along and the
    /// screen's views recorded, then shows `after` and returns the snapshot that shows them.
    func finishedRun(_ configuration: RunConfiguration, recording: SessionViews, shown: SessionViews,
                     after: SessionViews) -> SessionSnapshot {
        let session = TrainingSession(configuration: configuration, seed: 4, pace: .full)
        defer { session.stop() }
        session.send(.record(recording))
        session.send(.show(shown))
        session.send(.play)
        let deadline = Date().addingTimeInterval(60)
        while session.latest().snapshot.state != .finished && Date() < deadline { usleep(5_000) }
        session.send(.show(after))
        var snapshot = session.latest().snapshot
        while !(snapshot.state == .finished && snapshot.views.isSuperset(of: after)) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }

    @Test func theHealthViewOpenedAfterTheRunShowsWhatItWouldHaveShownAllAlong() throws {
        // Lesson 7's health lab at 80x24 shows one view at a time: health, while the loss shows.
        let (screen, configuration) = try lab("initialization", page: 7, ["epochs=3"])
        let offered = screen.offeredViews
        #expect(offered.contains(.health) && offered.contains(.probes))
        let hidden = finishedRun(configuration, recording: offered, shown: [], after: offered)
        let watched = finishedRun(configuration, recording: offered, shown: offered, after: offered)
        #expect(hidden.step == watched.step && hidden.step > 0)
        #expect(!watched.probes.isEmpty)
        #expect(hidden.probes.map(\.saturation) == watched.probes.map(\.saturation), "saturation must not depend on visibility")
        #expect(hidden.probes.map(\.gradientToDataRatio) == watched.probes.map(\.gradientToDataRatio))
        let points = { (snapshot: SessionSnapshot) in snapshot.updateRatioHistory.map { $0.points.map(\.step) } }
        #expect(!hidden.updateRatioHistory.isEmpty && points(hidden) == points(watched), "the whole update-ratio history, from step 1")
        // From step 1 on: a layer whose updates are all lost to rounding (small init) has no points.
        #expect(hidden.updateRatioHistory.compactMap { $0.points.first?.step }.min() == 1)
    }

    @Test func theStepGradientsOpenedAfterTheRunShowTheLastStep() throws {
        let (screen, configuration) = try lab("recurrent", page: 2, ["epochs=1", "limit=256"])
        let offered = screen.offeredViews
        #expect(offered.contains(.stepGradients))
        let hidden = finishedRun(configuration, recording: offered, shown: [], after: offered)
        let watched = finishedRun(configuration, recording: offered, shown: offered, after: offered)
        #expect(!hidden.recurrent.stepGradientNorms.isEmpty, "not an empty view after the run")
        #expect(hidden.recurrent.stepGradientNorms == watched.recurrent.stepGradientNorms)
        #expect(hidden.recurrent.gradientStep == watched.step)
    }

    @Test func aScreenOffersEveryViewOfItsLabWhateverItShows() throws {
        let (screen, _) = try lab("initialization", page: 7, [])
        var small = screen
        small.fit(width: 80, height: 24)
        #expect(!small.visibleViews(width: 80, height: 24).contains(.health), "at 80x24 the text pane shows first")
        #expect(small.offeredViews.isSuperset(of: [.health, .probes]))
        #expect(PlaygroundScreen(configuration: Preset.playground.configuration).offeredViews == .all)
    }
}
