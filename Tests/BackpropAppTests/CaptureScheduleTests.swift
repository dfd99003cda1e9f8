import Testing
@testable import BackpropApp

@Suite("When trainer-thread captures run again")
struct CaptureScheduleTests {
    @Test func newWeightsAreThrottledWhileTrainingAndChangesShowAtOnce() {
        var schedule = CaptureSchedule(interval: 0.25)
        func due(_ step: Int, _ settings: [String: Int] = [:], training: Bool, at now: Double, force: Bool = false) -> Bool {
            schedule.isDue(step: step, settings: settings, training: training, now: now, force: force)
        }
        #expect(due(0, training: false, at: 0), "the first capture")
        #expect(!due(0, training: false, at: 5), "nothing changed")
        #expect(due(1, training: false, at: 5.01), "paused: each step shows")
        #expect(!due(2, training: true, at: 5.1), "training: not within the interval")
        #expect(due(3, training: true, at: 5.3))
        #expect(due(3, ["sample": 1], training: true, at: 5.31), "a control moved")
        #expect(!due(3, ["sample": 1], training: true, at: 9))
        #expect(due(3, ["sample": 1], training: true, at: 9, force: true))
        schedule.reset()
        #expect(due(3, ["sample": 1], training: true, at: 9.01), "a new model")
    }
}
