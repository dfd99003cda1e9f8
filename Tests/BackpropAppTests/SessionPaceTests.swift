import BackpropLessons
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

    @Test func thePacesGetFasterAndFCyclesThroughThem() {
        let rates = Pace.allCases.map { $0.stepsPerSecond ?? .infinity }
        #expect(rates == rates.sorted() && Set(rates).count == rates.count)
        #expect(Pace.slow.next == .watch && Pace.watch.next == .fast && Pace.fast.next == .full && Pace.full.next == .slow)
        var screen = PlaygroundScreen(configuration: Preset.playground.configuration)
        #expect(screen.handle(.character("f")) == .send(.cyclePace))
    }

    @Test func aSessionAtSlowPaceTakesAboutItsStepsPerSecond() throws {
        let session = TrainingSession(configuration: Preset.playground.configuration, seed: 1, pace: .slow)
        defer { session.stop() }
        session.send(.play)
        usleep(1_000_000)
        session.send(.pause)
        usleep(100_000)
        let steps = session.latest().snapshot.step
        let rate = try #require(Pace.slow.stepsPerSecond)
        // A second at 10 steps a second: not the hundreds the Playground net runs unpaced.
        #expect(steps >= Int(rate / 2) && steps <= Int(rate * 2), "\(steps) steps in one second")
        #expect(session.latest().snapshot.pace == .slow)
        session.send(.cyclePace)
        usleep(100_000)
        #expect(session.latest().snapshot.pace == .watch)
    }
}
