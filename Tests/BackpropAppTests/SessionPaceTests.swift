import Testing
@testable import BackpropApp

@Suite("Live pace")
struct SessionPaceTests {
    @Test func livePaceSpacesEpochsAndFastDoesNot() {
        var pace = SessionPace()
        let interval = 1 / SessionPace.epochsPerSecond
        #expect(pace.delayBeforeNextEpoch(now: 10) == 0)
        pace.finishedEpoch(now: 10)
        pace.finishedEpoch(now: 10)
        // Two epochs finished at once: the next may start one interval later, not earlier.
        #expect(abs(pace.delayBeforeNextEpoch(now: 10) - interval) < 1e-9)
        pace.fast = true
        #expect(pace.delayBeforeNextEpoch(now: 10) == 0)
    }

    @Test func aPauseBanksNoTime() {
        var pace = SessionPace()
        pace.finishedEpoch(now: 1)
        // Resumed a minute later: no burst of saved-up epochs, just the normal pace again.
        #expect(pace.delayBeforeNextEpoch(now: 61) == 0)
        pace.finishedEpoch(now: 61)
        pace.finishedEpoch(now: 61)
        #expect(abs(pace.delayBeforeNextEpoch(now: 61) - 1 / SessionPace.epochsPerSecond) < 1e-9)
    }

    @Test func fKeyAsksForFastTraining() {
        var screen = PlaygroundScreen(configuration: Preset.playground.configuration)
        #expect(screen.handle(.character("f")) == .send(.toggleFast))
    }
}
