import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

@Suite("Live pace")
struct SessionPaceTests {
    @Test func aPaceSpacesStepsAndFullDoesNot() throws {
        var pace = SessionPace(.watch)
        let interval = 1 / (try #require(Pace.watch.stepsPerSecond))
        #expect(pace.delayBeforeNextStep(now: 10) == 0)
        pace.tookStep(now: 10)
        pace.tookStep(now: 10)
        // Two steps at once (the second from the one interval banked): the next one waits.
        #expect(pace.delayBeforeNextStep(now: 10) > interval / 2)
        #expect(pace.delayBeforeNextStep(now: 10) <= 2 * interval)
        var full = SessionPace(.full)
        full.tookStep(now: 10)
        full.tookStep(now: 10)
        #expect(full.delayBeforeNextStep(now: 10) == 0)
    }

    @Test func aPauseBanksAtMostOnePublication() throws {
        var pace = SessionPace(.slow)
        pace.tookStep(now: 1)
        // Resumed a minute later: no burst of saved-up steps, just the normal pace again.
        #expect(pace.delayBeforeNextStep(now: 61) == 0)
        pace.tookStep(now: 61)
        let interval = 1 / (try #require(Pace.slow.stepsPerSecond))
        #expect(abs(pace.delayBeforeNextStep(now: 61) - (interval - TrainingSession.publishInterval)) < 1e-9)
    }

    @Test func anEpochOfAFewStepsKeepsToThePacesEpochRate() throws {
        // Full-batch descent is one step per epoch: at 100 steps a second, 60 epochs in 0.6 s.
        let fast = try #require(Pace.fast.epochsPerSecond)
        #expect(Pace.fast.stepInterval(stepsPerEpoch: 1) == 1 / fast)
        #expect(Pace.fast.stepInterval(stepsPerEpoch: 400) == 1 / (try #require(Pace.fast.stepsPerSecond)))
        #expect(Pace.full.stepInterval(stepsPerEpoch: 1) == 0)
        let epochRates = Pace.allCases.map { $0.epochsPerSecond ?? .infinity }
        #expect(epochRates == epochRates.sorted() && Set(epochRates).count == epochRates.count)

        var wholeSet = Preset.playground.configuration
        try wholeSet.apply("batch=1000")
        let session = playedForOneSecond(wholeSet, pace: .fast)
        defer { session.stop() }
        let epochs = session.latest().snapshot.epoch
        #expect(epochs >= Int(fast / 2) && epochs <= Int(fast * 2), "\(epochs) one-step epochs in one second at fast")
    }

    @Test func theBatchKnobReachesTheWholeSetInAFewPresses() {
        let ladder = NumericSteps.ladder(PlaygroundKnobs.batchSizes)
        var value = 10.0
        var presses = 0
        while value < 500 && presses < 100 {
            value = ladder.next(after: value, upward: true)
            presses += 1
        }
        #expect(value == 500 && presses <= 12, "\(presses) presses from batch 10 to 500")
        #expect(PlaygroundKnobs.batchSizes.first == 1 && PlaygroundKnobs.batchSizes == PlaygroundKnobs.batchSizes.sorted())
    }

    @Test func thePacesGetFasterAndFCyclesThroughThem() {
        let rates = Pace.allCases.map { $0.stepsPerSecond ?? .infinity }
        #expect(rates == rates.sorted() && Set(rates).count == rates.count)
        #expect(Pace.slow.next == .watch && Pace.watch.next == .fast && Pace.fast.next == .full && Pace.full.next == .slow)
        var screen = PlaygroundScreen(configuration: Preset.playground.configuration)
        #expect(screen.handle(.character("f")) == .send(.cyclePace))
    }

    @Test func aSessionAtSlowPaceTakesAboutItsStepsPerSecond() throws {
        let session = playedForOneSecond(Preset.playground.configuration, pace: .slow)
        defer { session.stop() }
        let steps = session.latest().snapshot.step
        let rate = try #require(Pace.slow.stepsPerSecond)
        // A second at 3 steps a second: not the hundreds the Playground net runs unpaced.
        #expect(steps >= Int(rate / 2) && steps <= Int(rate * 2), "\(steps) steps in one second")
        #expect(session.latest().snapshot.pace == .slow)
        session.send(.cyclePace)
        usleep(100_000)
        #expect(session.latest().snapshot.pace == .watch)
    }

    /// A running lab publishes a snapshot (so the UI draws a frame) about 30 times a second,
    /// and 10 times at full pace, where frames take time from training.
    @Test func fullPacePublishesTenSnapshotsASecond() throws {
        var configuration = Preset.playground.configuration
        configuration.epochs = 100_000
        for (pace, range) in [(Pace.full, 6...14), (.watch, 20...40)] {
            let session = TrainingSession(configuration: configuration, seed: 1, pace: pace)
            defer { session.stop() }
            usleep(200_000)
            let before = session.latest().version
            session.send(.play)
            usleep(1_000_000)
            let published = session.latest().version - before
            #expect(range.contains(published), "\(published) snapshots in a second at \(pace)")
        }
    }

    /// A session of `configuration` at `pace`, played for one second and paused (the caller stops it).
    private func playedForOneSecond(_ configuration: RunConfiguration, pace: Pace) -> TrainingSession {
        let session = TrainingSession(configuration: configuration, seed: 1, pace: pace)
        session.send(.play)
        usleep(1_000_000)
        session.send(.pause)
        usleep(100_000)
        return session
    }

    /// A session on lesson 5's race lab at watch pace, its race started.
    private func startedRace() throws -> TrainingSession {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "optimizers" })
        let screen = LessonScreen(lesson: lesson, page: 3, progress: LessonProgress())
        let session = TrainingSession(configuration: try #require(screen.runConfiguration), seed: 1, pace: .watch)
        session.send(.show(.optimizerRace))
        session.send(.viewAction(view: "race"))
        return session
    }

    @Test func theOptimizerRaceStepsEveryRacerTogetherAtThePace() throws {
        let session = try startedRace()
        defer { session.stop() }
        usleep(3_000_000)
        let curves = session.latest().snapshot.experiments.raceCurves
        let epochs = curves.map(\.losses.count)
        #expect(curves.count == OptimizerExperiments.racers.count)
        // 3 s at 20 steps a second is about 60 steps, one or two 40-step epochs each;
        // unpaced, the race ran its 60 epochs in about three seconds.
        #expect(epochs.allSatisfy { $0 >= 1 && $0 <= 3 }, "\(epochs)")
        #expect((epochs.max() ?? 0) - (epochs.min() ?? 0) <= 1, "the racers move together: \(epochs)")
    }

    @Test func fullSpeedSpeedsTheRaceUp() throws {
        let session = try startedRace()
        defer { session.stop() }
        session.send(.setPace(.full))
        usleep(2_000_000)
        let epochs = session.latest().snapshot.experiments.raceCurves.map(\.losses.count)
        // At watch two seconds are one epoch of each racer; at full speed, many.
        #expect(epochs.allSatisfy { $0 >= 6 }, "\(epochs)")
    }

    @Test func thePlaygroundCanTrainWithoutAStop() throws {
        var screen = PlaygroundScreen(configuration: Preset.playground.configuration)
        let stop = try #require(screen.knobs.firstIndex { $0.id == "epochs" })
        while screen.focusedKnob != stop { _ = screen.handle(.down) }
        var outcome = ScreenOutcome.none
        // A choice wraps: step until it reads "never", the last stop.
        for _ in 0..<PlaygroundKnobs.stops.count where screen.knobs[stop].selectedOption != "never" { outcome = screen.handle(.right) }
        guard case .send(.configure(let never)) = outcome else {
            Issue.record("the stop knob should configure the run, got \(outcome)")
            return
        }
        #expect(never.runsWithoutStop && screen.knobs[stop].selectedOption == "never")
        var short = never
        try short.apply("epochs=10")
        #expect(!short.runsWithoutStop && short.epochs == 10)
        try short.apply("epochs=never")
        let session = TrainingSession(configuration: short, seed: 1, pace: .full)
        defer { session.stop() }
        session.send(.play)
        let deadline = Date().addingTimeInterval(10)
        while session.latest().snapshot.epoch <= 12 && Date() < deadline { usleep(5_000) }
        let snapshot = session.latest().snapshot
        #expect(snapshot.epoch > 12 && snapshot.state == .running, "past its 10 epochs, still training")
    }
}
